// Time labels and ruler ticks of the run timeline, exact to the nanosecond.
import { toPercent, windowWidth, type TimelineWindow } from "@/lib/runs/timeline/zoom";

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
export function rulerTicks(view: TimelineWindow, count: number, originNs: bigint = view.startNs): RulerTick[] {
  const w = windowWidth(view);
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
export function formatWindow(view: TimelineWindow, bounds: TimelineWindow): string {
  let resolution = 1n;
  const target = windowWidth(view) / 100n;
  while (resolution * 10n <= target) resolution *= 10n;
  const from = formatOffset(view.startNs - bounds.startNs, resolution);
  const to = formatOffset(view.endNs - bounds.startNs, resolution);
  return `${from} – ${to} of ${formatDuration(windowWidth(bounds))}`;
}

