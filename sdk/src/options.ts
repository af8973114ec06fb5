import { randomUUID } from "node:crypto";

/** Epoch milliseconds. Injected so tests (and replays) get exact timestamps and durations. */
export type Clock = () => number;

/** A fresh id for a run or a token. Injected so tests get predictable ids. */
export type IdGenerator = () => string;

export const systemClock: Clock = () => Date.now();
export const randomIds: IdGenerator = () => randomUUID();

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
