// Zoom windows of the run timeline: the part of the run on screen, moved and scaled by the
// user. Fractions of a window are floats; widths go through Number only as offsets (exact below ~104 days).

export interface TimelineWindow {
  startNs: bigint;
  endNs: bigint;
}

/** The narrowest window zoom can reach. */
export const MIN_WINDOW_NS = 1_000n;

export function windowWidth(view: TimelineWindow): bigint {
  return view.endNs - view.startNs;
}

function clampFraction(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function scaleNs(ns: bigint, by: number): bigint {
  return BigInt(Math.round(Number(ns) * by));
}

/** Where `ns` falls in the window, in percent: 0..100 inside, beyond either side when zoomed in. */
export function toPercent(ns: bigint, view: TimelineWindow): number {
  const w = windowWidth(view);
  if (w <= 0n) return 0;
  return Number(((ns - view.startNs) * 1_000_000n) / w) / 10_000;
}

/** The time at a fraction (0..1) of the window. */
export function viewFraction(view: TimelineWindow, fraction: number): bigint {
  return view.startNs + scaleNs(windowWidth(view), fraction);
}

/** The window moved and widened as needed to lie inside `bounds` and be at least MIN_WINDOW_NS wide. */
export function clampView(view: TimelineWindow, bounds: TimelineWindow): TimelineWindow {
  const full = windowWidth(bounds);
  let w = windowWidth(view);
  if (w < MIN_WINDOW_NS) w = MIN_WINDOW_NS;
  if (w >= full) return bounds;
  let startNs = view.startNs;
  if (startNs < bounds.startNs) startNs = bounds.startNs;
  if (startNs > bounds.endNs - w) startNs = bounds.endNs - w;
  return { startNs, endNs: startNs + w };
}

/**
 * Zoom by `factor` (>1 narrows the window, <1 widens it) keeping the time under `anchorFraction`
 * of the window in place, unless the bounds or MIN_WINDOW_NS push it.
 */
export function zoomView(view: TimelineWindow, bounds: TimelineWindow, factor: number, anchorFraction = 0.5): TimelineWindow {
  if (!(factor > 0) || !Number.isFinite(factor)) return clampView(view, bounds);
  const anchor = clampFraction(anchorFraction);
  const anchorNs = viewFraction(view, anchor);
  let w = scaleNs(windowWidth(view), 1 / factor);
  if (w < MIN_WINDOW_NS) w = MIN_WINDOW_NS;
  if (w >= windowWidth(bounds)) return bounds;
  const startNs = anchorNs - scaleNs(w, anchor);
  return clampView({ startNs, endNs: startNs + w }, bounds);
}

/** Shift the window by a fraction of its width (negative: earlier), stopping at the bounds. */
export function panView(view: TimelineWindow, bounds: TimelineWindow, deltaFraction: number): TimelineWindow {
  const shift = Number.isFinite(deltaFraction) ? scaleNs(windowWidth(view), deltaFraction) : 0n;
  return clampView({ startNs: view.startNs + shift, endNs: view.endNs + shift }, bounds);
}

/** The part of the window between two fractions (either order), e.g. from a drag on the ruler. */
export function selectView(view: TimelineWindow, bounds: TimelineWindow, fromFraction: number, toFraction: number): TimelineWindow {
  const a = clampFraction(Math.min(fromFraction, toFraction));
  const b = clampFraction(Math.max(fromFraction, toFraction));
  let startNs = viewFraction(view, a);
  let endNs = viewFraction(view, b);
  if (endNs - startNs < MIN_WINDOW_NS) {
    const mid = startNs + (endNs - startNs) / 2n;
    startNs = mid - MIN_WINDOW_NS / 2n;
    endNs = startNs + MIN_WINDOW_NS;
  }
  return clampView({ startNs, endNs }, bounds);
}

export function sameView(a: TimelineWindow, b: TimelineWindow): boolean {
  return a.startNs === b.startNs && a.endNs === b.endNs;
}
