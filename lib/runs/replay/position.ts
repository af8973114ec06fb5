// The replay position in the URL (`?replay=<step>`, 1-based as the page shows it) and the playback speeds.

/** `null` when the parameter is absent (Replay closed); a bad or empty value opens at the first step. */
export function parseReplayStep(param: string | null): number | null {
  if (param === null) return null;
  const step = Number(param);
  return Number.isSafeInteger(step) && step >= 1 ? step : 1;
}

/** The step within a ledger of `total` events (1 when it is empty). */
export function clampStep(step: number, total: number): number {
  return Math.min(Math.max(1, total), Math.max(1, Math.floor(step)));
}

export const REPLAY_SPEEDS = [0.5, 1, 2, 5, 10, 50] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

const STEP_MS_AT_1X = 800;

/** Time between steps while playing. */
export const stepIntervalMs = (speed: number): number => STEP_MS_AT_1X / speed;

/** How long a token takes along its edge: most of a step, never more than 600 ms. */
export const travelMs = (speed: number): number => Math.round(Math.min(600, stepIntervalMs(speed) * 0.8));
