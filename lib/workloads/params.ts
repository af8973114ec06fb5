import { ParamError, singleParam } from "@/lib/runs/list-params";
import type { TrendBucket } from "@/lib/workloads/types";

// The runs list's time window, shared so both read `from` / `to` alike.
export { parseWindow, type TimeWindow } from "@/lib/runs/list-params";

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
