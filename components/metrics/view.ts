// The Metrics page's view state as it lives in the URL: `service`, `metric`, `from` (a preset age
// such as `6h`, or a fixed start as ISO 8601 or epoch ms, with `to`), `groupBy` and `quantile`.
// Anything unreadable falls back to the default, so an edited link still opens a page.

export const WINDOWS = [
  { key: "1h", label: "Last hour", ms: 3_600_000 },
  { key: "6h", label: "Last 6 hours", ms: 6 * 3_600_000 },
  { key: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { key: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
] as const;

export type WindowKey = (typeof WINDOWS)[number]["key"];
export const DEFAULT_WINDOW: WindowKey = "1h";

export const QUANTILES = ["p50", "p95", "p99"] as const;
export type Quantile = (typeof QUANTILES)[number];
export const DEFAULT_QUANTILE: Quantile = "p95";

/** A preset window ending now, or a fixed one (a link from a run). */
export type MetricWindow = { kind: "preset"; key: WindowKey } | { kind: "fixed"; fromMs: number; toMs: number };

export interface MetricView {
  service: string | null;
  metric: string | null;
  window: MetricWindow;
  groupBy: string | null;
  quantile: Quantile;
}

/** What `get` of URLSearchParams (or Next's ReadonlyURLSearchParams) offers. */
export interface ParamReader {
  get(name: string): string | null;
}

const text = (params: ParamReader, name: string): string | null => {
  const value = params.get(name)?.trim();
  return value ? value : null;
};

/** Epoch ms from ISO 8601 or a string of digits (epoch ms); null for anything else. */
export function parseInstant(raw: string | null): number | null {
  if (!raw) return null;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

function parseWindow(params: ParamReader, nowMs: number): MetricWindow {
  const from = text(params, "from");
  const preset = WINDOWS.find((w) => w.key === from);
  if (preset) return { kind: "preset", key: preset.key };
  const fromMs = parseInstant(from);
  const toMs = parseInstant(text(params, "to")) ?? nowMs;
  // A start after its end is a broken link, not a window: show the default.
  if (fromMs === null || fromMs >= toMs) return { kind: "preset", key: DEFAULT_WINDOW };
  return { kind: "fixed", fromMs, toMs };
}

export function parseMetricView(params: ParamReader, nowMs: number = Date.now()): MetricView {
  const quantile = QUANTILES.find((q) => q === params.get("quantile")) ?? DEFAULT_QUANTILE;
  return {
    service: text(params, "service"),
    metric: text(params, "metric"),
    window: parseWindow(params, nowMs),
    groupBy: text(params, "groupBy"),
    quantile,
  };
}

/** The window as absolute times: a preset ends at `nowMs`. */
export function resolveWindow(window: MetricWindow, nowMs: number): { fromMs: number; toMs: number } {
  if (window.kind === "fixed") return { fromMs: window.fromMs, toMs: window.toMs };
  const size = WINDOWS.find((w) => w.key === window.key)?.ms ?? WINDOWS[0].ms;
  return { fromMs: nowMs - size, toMs: nowMs };
}

/** A stable identity for query keys: the preset's key, or the fixed bounds. */
export const windowId = (window: MetricWindow): string => (window.kind === "preset" ? window.key : `${window.fromMs}-${window.toMs}`);

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

/** "the last 6 hours", or "2026-01-02 03:04 – 03:40 UTC" for a fixed window. */
export function windowPhrase(window: MetricWindow): string {
  if (window.kind === "preset") return (WINDOWS.find((w) => w.key === window.key)?.label ?? window.key).replace(/^Last/, "the last");
  const from = utc(window.fromMs);
  const to = utc(window.toMs);
  // The same day is said once.
  return `${from} – ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to} UTC`;
}
