// Pure builders for the run timeline (waterfall): span nesting, zoom windows and ruler ticks.
// Times stay bigint nanoseconds so sub-millisecond ordering is exact; only screen fractions are floats.
import type { SpanSummary } from "@/lib/runs/types";

export interface TimelineRow {
  span: SpanSummary;
  /** `spanKey(span)`, precomputed for React keys and collapse lookups. */
  key: string;
  depth: number;
  hasChildren: boolean;
  /** Rows nested below this one, excluding itself. */
  descendantCount: number;
}

export interface TimeWindow {
  startNs: bigint;
  endNs: bigint;
}

/** The narrowest window zoom can reach. */
export const MIN_WINDOW_NS = 1_000n;

/** Unique within a run: span ids are only unique within their trace. */
export function spanKey(span: Pick<SpanSummary, "traceId" | "spanId">): string {
  return `${span.traceId}:${span.spanId}`;
}

const DIGITS = /^\d+$/;

/** A nanosecond string as bigint; malformed input reads as 0 rather than throwing mid-render. */
export function parseNs(value: string): bigint {
  return DIGITS.test(value) ? BigInt(value) : 0n;
}

/** Compares span indices by exact start, then spanId. */
function startOrder(spans: readonly SpanSummary[]): (a: number, b: number) => number {
  const starts = spans.map((span) => parseNs(span.startTimeUnixNano));
  let min = starts[0] ?? 0n;
  let max = min;
  for (const ns of starts) {
    if (ns < min) min = ns;
    if (ns > max) max = ns;
  }
  const byId = (a: number, b: number) => {
    const ia = spans[a]!.spanId;
    const ib = spans[b]!.spanId;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  // Offsets from the earliest start are exact doubles below 2^53 ns (~104 days) and sort faster.
  if (max - min < 2n ** 53n) {
    const offsets = Float64Array.from(starts, (ns) => Number(ns - min));
    return (a, b) => offsets[a]! - offsets[b]! || byId(a, b);
  }
  return (a, b) => (starts[a]! < starts[b]! ? -1 : starts[a]! > starts[b]! ? 1 : byId(a, b));
}

/**
 * Spans nested depth-first, siblings by start time (tie: spanId). A span whose parent is absent
 * (or in another trace) is a root. Spans caught in a parent cycle are entered at their earliest
 * member, so every span appears exactly once. Duplicate (traceId, spanId) entries keep the first.
 */
export function buildTimelineRows(spans: readonly SpanSummary[]): TimelineRow[] {
  const n = spans.length;
  const keys: string[] = new Array<string>(n);
  const byKey = new Map<string, number>();
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = spanKey(spans[i]!);
    keys[i] = key;
    if (byKey.has(key)) continue;
    byKey.set(key, i);
    order.push(i);
  }
  order.sort(startOrder(spans));

  // Child lists as linked lists filled in start order, so siblings come out sorted.
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const lastChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (const i of order) {
    const span = spans[i]!;
    const p = span.parentSpanId ? byKey.get(`${span.traceId}:${span.parentSpanId}`) : undefined;
    if (p === undefined || p === i) continue;
    parent[i] = p;
    if (lastChild[p]! < 0) firstChild[p] = i;
    else nextSibling[lastChild[p]!] = i;
    lastChild[p] = i;
  }

  const rows: TimelineRow[] = [];
  const visited = new Uint8Array(n);
  // Iterative DFS (a 10k-deep chain must not overflow the call stack): per level, the span, its
  // row and the next child to try.
  const stackRow = new Int32Array(n);
  const stackNext = new Int32Array(n);
  const walkFrom = (root: number) => {
    let top = 0;
    visited[root] = 1;
    rows.push({ span: spans[root]!, key: keys[root]!, depth: 0, hasChildren: false, descendantCount: 0 });
    stackRow[0] = rows.length - 1;
    stackNext[0] = firstChild[root]!;
    while (top >= 0) {
      let child = stackNext[top]!;
      while (child >= 0 && visited[child]) child = nextSibling[child]!;
      if (child >= 0) {
        stackNext[top] = nextSibling[child]!;
        visited[child] = 1;
        rows.push({ span: spans[child]!, key: keys[child]!, depth: top + 1, hasChildren: false, descendantCount: 0 });
        top++;
        stackRow[top] = rows.length - 1;
        stackNext[top] = firstChild[child]!;
        continue;
      }
      const row = rows[stackRow[top]!]!;
      row.descendantCount = rows.length - stackRow[top]! - 1;
      row.hasChildren = row.descendantCount > 0;
      top--;
    }
  };

  for (const i of order) if (parent[i]! < 0) walkFrom(i);
  // Whatever is left hangs off a parent cycle: no span in it is reachable from a root.
  if (rows.length < order.length) {
    for (const i of order) if (!visited[i]) walkFrom(i);
  }
  return rows;
}

/** Earliest start to latest end (an end before its start counts as the start). */
export function timelineBounds(spans: readonly SpanSummary[]): TimeWindow {
  if (spans.length === 0) return { startNs: 0n, endNs: 0n };
  let startNs: bigint | null = null;
  let endNs: bigint | null = null;
  for (const span of spans) {
    const start = parseNs(span.startTimeUnixNano);
    const end = parseNs(span.endTimeUnixNano);
    const last = end > start ? end : start;
    if (startNs === null || start < startNs) startNs = start;
    if (endNs === null || last > endNs) endNs = last;
  }
  return { startNs: startNs ?? 0n, endNs: endNs ?? 0n };
}

/** Rows minus the descendants of collapsed spans (keys from `spanKey`). Same array when nothing is collapsed. */
export function visibleRows(rows: readonly TimelineRow[], collapsed: ReadonlySet<string>): readonly TimelineRow[] {
  if (collapsed.size === 0) return rows;
  const out: TimelineRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    out.push(row);
    if (row.hasChildren && collapsed.has(row.key)) i += row.descendantCount;
  }
  return out;
}


/** Keys of the rows enclosing `key`, nearest first: what to expand to reveal it. O(n), for one-off use. */
export function ancestorKeys(rows: readonly TimelineRow[], key: string): string[] {
  const at = rows.findIndex((row) => row.key === key);
  if (at < 0) return [];
  const out: string[] = [];
  let depth = rows[at]!.depth;
  for (let i = at - 1; i >= 0 && depth > 0; i--) {
    const row = rows[i]!;
    if (row.depth < depth) {
      out.push(row.key);
      depth = row.depth;
    }
  }
  return out;
}

// ---- Zoom windows ---------------------------------------------------------------------------
// Fractions of a window are floats; widths go through Number only as offsets (exact below ~104 days).

function width(view: TimeWindow): bigint {
  return view.endNs - view.startNs;
}

function clampFraction(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function scaleNs(ns: bigint, by: number): bigint {
  return BigInt(Math.round(Number(ns) * by));
}

/** Where `ns` falls in the window, in percent: 0..100 inside, beyond either side when zoomed in. */
export function toPercent(ns: bigint, view: TimeWindow): number {
  const w = width(view);
  if (w <= 0n) return 0;
  return Number(((ns - view.startNs) * 1_000_000n) / w) / 10_000;
}

/** The time at a fraction (0..1) of the window. */
export function viewFraction(view: TimeWindow, fraction: number): bigint {
  return view.startNs + scaleNs(width(view), fraction);
}

/** The window moved and widened as needed to lie inside `bounds` and be at least MIN_WINDOW_NS wide. */
export function clampView(view: TimeWindow, bounds: TimeWindow): TimeWindow {
  const full = width(bounds);
  let w = width(view);
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
export function zoomView(view: TimeWindow, bounds: TimeWindow, factor: number, anchorFraction = 0.5): TimeWindow {
  if (!(factor > 0) || !Number.isFinite(factor)) return clampView(view, bounds);
  const anchor = clampFraction(anchorFraction);
  const anchorNs = viewFraction(view, anchor);
  let w = scaleNs(width(view), 1 / factor);
  if (w < MIN_WINDOW_NS) w = MIN_WINDOW_NS;
  if (w >= width(bounds)) return bounds;
  const startNs = anchorNs - scaleNs(w, anchor);
  return clampView({ startNs, endNs: startNs + w }, bounds);
}

/** Shift the window by a fraction of its width (negative: earlier), stopping at the bounds. */
export function panView(view: TimeWindow, bounds: TimeWindow, deltaFraction: number): TimeWindow {
  const shift = Number.isFinite(deltaFraction) ? scaleNs(width(view), deltaFraction) : 0n;
  return clampView({ startNs: view.startNs + shift, endNs: view.endNs + shift }, bounds);
}

/** The part of the window between two fractions (either order), e.g. from a drag on the ruler. */
export function selectView(view: TimeWindow, bounds: TimeWindow, fromFraction: number, toFraction: number): TimeWindow {
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

export function sameView(a: TimeWindow, b: TimeWindow): boolean {
  return a.startNs === b.startNs && a.endNs === b.endNs;
}

// ---- Formatting and ruler -------------------------------------------------------------------

const US = 1_000n;
const MS = 1_000_000n;
const S = 1_000_000_000n;
const MINUTE = 60n * S;
const HOUR = 60n * MINUTE;

/** Fewest decimals of `unit` that show every multiple of `resolutionNs` exactly (at most 9). */
function decimalsFor(unit: bigint, resolutionNs: bigint): number {
  if (resolutionNs <= 0n) return 3;
  let scaled = resolutionNs;
  for (let d = 0; d < 9; d++) {
    if (scaled % unit === 0n) return d;
    scaled *= 10n;
  }
  return 9;
}

/** `ns / unit` rounded half up to `decimals`, trailing zeros trimmed. */
function fixed(ns: bigint, unit: bigint, decimals: number): { text: string; roundedNs: bigint } {
  const scale = 10n ** BigInt(decimals);
  const q = (ns * scale + unit / 2n) / unit;
  const frac = decimals > 0 ? (q % scale).toString().padStart(decimals, "0").replace(/0+$/, "") : "";
  const text = frac ? `${q / scale}.${frac}` : `${q / scale}`;
  return { text, roundedNs: (q * unit) / scale };
}

function pad2(n: bigint): string {
  return n.toString().padStart(2, "0");
}

function formatClock(ns: bigint, resolutionNs?: bigint): string {
  const decimals = resolutionNs === undefined || resolutionNs >= S ? 0 : decimalsFor(S, resolutionNs);
  const scale = 10n ** BigInt(decimals);
  const q = (ns * scale + S / 2n) / S;
  const totalSeconds = q / scale;
  const frac = decimals > 0 ? (q % scale).toString().padStart(decimals, "0").replace(/0+$/, "") : "";
  const seconds = `${pad2(totalSeconds % 60n)}${frac ? `.${frac}` : ""}s`;
  const minutes = (totalSeconds / 60n) % 60n;
  const hours = totalSeconds / 3600n;
  return hours > 0n ? `${hours}h ${pad2(minutes)}m ${seconds}` : `${minutes}m ${seconds}`;
}

/**
 * An offset from the run's start: `0 ms`, `250 ms`, `1.5 s`, `2m 03s`. Pass the ruler step as
 * `resolutionNs` to get just enough decimals to tell ticks apart; otherwise up to 3 decimals.
 */
export function formatOffset(ns: bigint, resolutionNs?: bigint): string {
  if (ns < 0n) return `-${formatOffset(-ns, resolutionNs)}`;
  if (ns === 0n) return "0 ms";
  if (ns >= MINUTE) return formatClock(ns, resolutionNs);
  if (ns < US) return `${ns} ns`;
  const [unit, name, next] = ns >= S ? [S, "s", MINUTE] : ns >= MS ? [MS, "ms", S] : [US, "µs", MS];
  const { text, roundedNs } = fixed(ns, unit, resolutionNs === undefined ? 3 : decimalsFor(unit, resolutionNs));
  // 999.9996 ms rounds to 1000 ms: say 1 s instead.
  if (roundedNs >= next) return formatOffset(roundedNs, resolutionNs);
  return `${text} ${name}`;
}

/** A span's duration to about 3 significant digits: `820 µs`, `1.25 ms`, `12.3 s`. */
export function formatDuration(ns: bigint): string {
  if (ns <= 0n) return "0 ms";
  if (ns >= MINUTE || ns < US) return formatOffset(ns);
  const unit = ns >= S ? S : ns >= MS ? MS : US;
  const whole = ns / unit;
  const decimals = whole >= 100n ? 0 : whole >= 10n ? 1 : 2;
  return formatOffset(ns, unit / 10n ** BigInt(decimals));
}

export interface RulerTick {
  /** Absolute time of the tick. */
  ns: bigint;
  /** Position in the window, 0..100. */
  percent: number;
  /** The offset from the origin (the run's start), formatted. */
  label: string;
}

const STEPS: bigint[] = (() => {
  const steps: bigint[] = [];
  for (let unit = 1n; unit < S; unit *= 10n) {
    steps.push(unit, 2n * unit);
    if (unit >= 10n) steps.push((25n * unit) / 10n);
    steps.push(5n * unit);
  }
  for (const n of [1n, 2n, 5n, 10n, 15n, 30n]) steps.push(n * S);
  for (const n of [1n, 2n, 5n, 10n, 15n, 30n]) steps.push(n * MINUTE);
  for (const n of [1n, 2n, 3n, 6n, 12n, 24n]) steps.push(n * HOUR);
  return steps.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
})();

function niceStep(raw: bigint): bigint {
  for (const step of STEPS) if (step >= raw) return step;
  let step = 24n * HOUR;
  while (step < raw) step *= 2n;
  return step;
}

/** Ticks at a round step giving about `count` intervals across the window, labelled from `originNs`. */
export function rulerTicks(view: TimeWindow, count: number, originNs: bigint = view.startNs): RulerTick[] {
  const w = width(view);
  if (w <= 0n) return [{ ns: view.startNs, percent: 0, label: formatOffset(view.startNs - originNs) }];
  const intervals = BigInt(Math.max(1, Math.floor(count) || 1));
  const step = niceStep((w + intervals - 1n) / intervals);
  const rel = view.startNs - originNs;
  // First multiple of `step` at or after the window's start (ceil division that works below zero).
  let offset = (rel / step) * step;
  if (offset < rel) offset += step;
  const ticks: RulerTick[] = [];
  for (; originNs + offset <= view.endNs && ticks.length <= Number(intervals) + 2; offset += step) {
    const ns = originNs + offset;
    ticks.push({ ns, percent: toPercent(ns, view), label: formatOffset(offset, step) });
  }
  return ticks;
}

/** The window against the whole run, e.g. `0 ms – 1.25 s of 3.4 s`, precise enough to tell deep zooms apart. */
export function formatWindow(view: TimeWindow, bounds: TimeWindow): string {
  let resolution = 1n;
  const target = width(view) / 100n;
  while (resolution * 10n <= target) resolution *= 10n;
  const from = formatOffset(view.startNs - bounds.startNs, resolution);
  const to = formatOffset(view.endNs - bounds.startNs, resolution);
  return `${from} – ${to} of ${formatDuration(width(bounds))}`;
}
