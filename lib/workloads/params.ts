import { ParamError, parseTimeParam, singleParam } from "../runs/list-params";
import type { TrendBucket } from "./types";

/** Runs that started in [fromNs, toNs); either end open when absent. */
export interface TimeWindow {
  fromNs?: bigint;
  toNs?: bigint;
}

/** `from` / `to` as the runs list takes them: ISO 8601, epoch ms, or an age such as `7d`. */
export function parseWindow(params: URLSearchParams, nowMs = Date.now()): TimeWindow {
  const window: TimeWindow = {};
  const from = singleParam(params, "from");
  if (from) window.fromNs = parseTimeParam("from", from, nowMs);
  const to = singleParam(params, "to");
  if (to) window.toNs = parseTimeParam("to", to, nowMs);
  if (window.fromNs !== undefined && window.toNs !== undefined && window.fromNs > window.toNs) {
    throw new ParamError("from", "is after to");
  }
  return window;
}

const LOGIC_ID = /^[0-9a-f]{64}$/;

/** A full logic id (64 hex characters, any case) from parameter `name`, required. */
export function requireLogicId(params: URLSearchParams, name: string): string {
  const value = singleParam(params, name);
  if (value === undefined) throw new ParamError(name, "is required: the logic id of a version of this workload");
  const logicId = value.toLowerCase();
  if (!LOGIC_ID.test(logicId)) throw new ParamError(name, "must be a logic id: 64 hex characters");
  return logicId;
}

/** A run id from parameter `name`, required. */
export function requireRunId(params: URLSearchParams, name: string): string {
  const value = singleParam(params, name);
  if (value === undefined) throw new ParamError(name, "is required: the id of a run");
  return value;
}

const BUCKETS: readonly TrendBucket[] = ["hour", "day", "week"];

/** `bucket=hour|day|week`; undefined lets the query pick one from the data's time span. */
export function parseBucket(params: URLSearchParams): TrendBucket | undefined {
  const value = singleParam(params, "bucket");
  if (value === undefined) return undefined;
  if (!BUCKETS.includes(value as TrendBucket)) throw new ParamError("bucket", `"${value}" is not one of ${BUCKETS.join(", ")}`);
  return value as TrendBucket;
}
