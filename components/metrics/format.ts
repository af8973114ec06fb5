// Numbers with their OTel units (UCUM, as the semantic conventions write them): `ms`, `s`, `By`
// (bytes, scaled to kB/MB/GB), `1` (a plain number), `%`, and `{request}`-style annotations,
// which name what is counted rather than a unit.

import type { MetricMeasure, MetricSummary } from "@/lib/metrics/types";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });
const precise = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });
const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB", "PB"] as const;

/** What a unit says to a reader: "" for none or `1`, the annotation's words for `{request}`. */
export function unitText(unit: string | null): string {
  if (!unit || unit === "1") return "";
  if (unit === "By") return "bytes";
  const annotation = /^\{(.+)\}$/.exec(unit);
  return annotation ? annotation[1]! : unit;
}

function scaledBytes(value: number): [number, string] {
  let scaled = value;
  let index = 0;
  while (Math.abs(scaled) >= 1000 && index < BYTE_UNITS.length - 1) {
    scaled /= 1000;
    index += 1;
  }
  return [scaled, BYTE_UNITS[index]!];
}

/**
 * `12.5 ms`, `3.4 MB`, `42%`, `1,234`; `short` (axis ticks) abbreviates: `1.23K`. A rate's unit
 * gets `/s`: `3.2 request/s`.
 */
export function formatMetricValue(value: number, unit: string | null, { short = false, rate = false }: { short?: boolean; rate?: boolean } = {}): string {
  if (!Number.isFinite(value)) return "—";
  const format = short ? compact : precise;
  const perSecond = rate ? "/s" : "";
  if (unit === "By") {
    const [scaled, suffix] = scaledBytes(value);
    return `${format.format(scaled)} ${suffix}${perSecond}`;
  }
  if (unit === "%") return `${format.format(value)}%${perSecond}`;
  const words = unitText(unit);
  if (!words) return `${format.format(value)}${perSecond}`;
  return `${format.format(value)} ${words}${perSecond}`;
}

/**
 * A y-axis tick: bytes scaled (`1.2 MB`) and percentages keep their unit, other figures are bare
 * (`1.23K`); the caption above the axis names the unit once, and long ones would wrap the ticks.
 */
export function formatTick(value: number, unit: string | null): string {
  return unit === "By" || unit === "%" ? formatMetricValue(value, unit, { short: true }) : formatMetricValue(value, null, { short: true });
}

/** The y axis's caption: what one unit of the chart is. */
export function axisCaption(measure: MetricMeasure, unit: string | null): string {
  const words = unitText(unit);
  if (measure === "rate") return words ? `${words} per second` : "per second";
  return words || "value";
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const DAY_MS = 86_400_000;

/**
 * A step's time on the axis, in UTC like the rest of the dashboard: `14:05` within a day or two,
 * `Nov 21 14:00` over longer windows; `full` (tooltips) always has the date and seconds.
 */
export function formatStepTime(ms: number, spanMs: number, full = false): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return "";
  const hhmm = date.toISOString().slice(11, 16);
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  if (full) return `${day} ${date.toISOString().slice(11, 19)} UTC`;
  return spanMs > 2 * DAY_MS ? `${day} ${hhmm}` : hhmm;
}

/** `30 s`, `5 min`, `1 h`: the step a chart's points stand for. */
export function formatStep(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round((seconds / 60) * 10) / 10} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

/** The kind as a reader knows it: a monotonic sum is a counter. */
export function kindLabel(metric: Pick<MetricSummary, "kind" | "monotonic">): string {
  if (metric.kind === "sum") return metric.monotonic ? "counter" : "up-down sum";
  if (metric.kind === "exponential_histogram") return "exponential histogram";
  return metric.kind;
}
