import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { parseLimit, parseWindow, ParamError, requiredParam, singleParam } from "@/lib/http/params";

/** A metric list's position: the last metric's service ("" for none) and name. */
export interface MetricCursor {
  service: string;
  name: string;
}

export interface MetricListQuery {
  /** service.name of the metrics' resource; every service when undefined. */
  service: string | undefined;
  limit: number;
  cursor: MetricCursor | null;
}

export const METRIC_LIST_LIMIT = { fallback: 200, max: 1_000 } as const;
export const METRIC_GROUP_LIMIT = { fallback: 10, max: 50 } as const;
/** Steps one chart may have: enough for a wide screen, few enough to read fast. */
export const MAX_STEPS = 1_500;
/** The widest window one query may ask for. */
export const MAX_WINDOW_NS = 31n * 86_400n * 1_000_000_000n;
const DEFAULT_WINDOW_NS = 3_600n * 1_000_000_000n;
/** Step sizes a default step is rounded up to, in seconds: ~120 steps whatever the window. */
const NICE_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400];
const TARGET_STEPS = 120;

export function encodeMetricCursor(cursor: MetricCursor): string {
  return encodeCursor([cursor.service, cursor.name]);
}

/** `service`, `limit`, `cursor`. */
export function parseMetricListQuery(params: URLSearchParams): MetricListQuery {
  const raw = singleParam(params, "cursor");
  const cursor = raw
    ? decodeCursor(raw, (values) =>
        values.length === 2 && typeof values[0] === "string" && typeof values[1] === "string" ? { service: values[0], name: values[1] } : undefined,
      )
    : null;
  return { service: singleParam(params, "service"), limit: parseLimit(singleParam(params, "limit"), METRIC_LIST_LIMIT.fallback, METRIC_LIST_LIMIT.max), cursor };
}

export interface MetricSeriesQuery {
  service: string | undefined;
  name: string;
  fromNs: bigint;
  toNs: bigint;
  stepNs: bigint;
  /** A data-point attribute key; every series in one group when undefined. */
  groupBy: string | undefined;
  limit: number;
  /** Groups to skip (the cursor of the previous page). */
  offset: number;
}

export function encodeGroupCursor(offset: number): string {
  return encodeCursor([offset]);
}

/** The default step of a window: about TARGET_STEPS steps, on a round size. */
export function defaultStepSeconds(windowNs: bigint): number {
  const seconds = Number(windowNs / 1_000_000_000n) / TARGET_STEPS;
  return NICE_STEPS.find((step) => step >= seconds) ?? NICE_STEPS[NICE_STEPS.length - 1]!;
}

/** `name` (required), `service`, `from` / `to` (default: the last hour), `step` (seconds), `groupBy`, `limit` (groups), `cursor`. */
export function parseMetricSeriesQuery(params: URLSearchParams, nowMs = Date.now()): MetricSeriesQuery {
  const name = requiredParam(params, "name", "the metric's name");
  const window = parseWindow(params, nowMs);
  const toNs = window.toNs ?? BigInt(nowMs) * 1_000_000n;
  const fromNs = window.fromNs ?? toNs - DEFAULT_WINDOW_NS;
  if (fromNs >= toNs) throw new ParamError("from", "must be before to");
  if (toNs - fromNs > MAX_WINDOW_NS) throw new ParamError("from", "the window may span at most 31 days");
  const rawStep = singleParam(params, "step");
  let stepSeconds = defaultStepSeconds(toNs - fromNs);
  if (rawStep !== undefined) {
    if (!/^\d{1,6}$/.test(rawStep) || Number(rawStep) < 1 || Number(rawStep) > 86_400) throw new ParamError("step", "must be a whole number of seconds from 1 to 86400");
    stepSeconds = Number(rawStep);
  }
  const stepNs = BigInt(stepSeconds) * 1_000_000_000n;
  if ((toNs - fromNs + stepNs - 1n) / stepNs > BigInt(MAX_STEPS)) throw new ParamError("step", `gives more than ${MAX_STEPS} steps for this window; use a larger step`);
  const rawCursor = singleParam(params, "cursor");
  const offset = rawCursor
    ? decodeCursor(rawCursor, (values) => (values.length === 1 && typeof values[0] === "number" && Number.isInteger(values[0]) && values[0] > 0 ? values[0] : undefined))
    : 0;
  return {
    name,
    service: singleParam(params, "service"),
    fromNs,
    toNs,
    stepNs,
    groupBy: singleParam(params, "groupBy"),
    limit: parseLimit(singleParam(params, "limit"), METRIC_GROUP_LIMIT.fallback, METRIC_GROUP_LIMIT.max),
    offset,
  };
}
