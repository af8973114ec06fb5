import { oneOfParam, ParamError, requiredParam, singleParam } from "@/lib/http/params";
import { TREND_BUCKETS, type TrendBucket } from "@/lib/workloads/types";

const LOGIC_ID = /^[0-9a-f]{64}$/;

/** A full logic id (64 hex characters, any case) from parameter `name`, required. */
export function requireLogicId(params: URLSearchParams, name: string): string {
  const logicId = requiredParam(params, name, "the logic id of a version of this workload").toLowerCase();
  if (!LOGIC_ID.test(logicId)) throw new ParamError(name, "must be a logic id: 64 hex characters");
  return logicId;
}

/** A full logic id from a path segment `name` (any case, lower-cased). */
export function checkLogicId(name: string, value: string): string {
  const logicId = value.toLowerCase();
  if (!LOGIC_ID.test(logicId)) throw new ParamError(name, "must be a logic id: 64 hex characters");
  return logicId;
}

/** `logicId=`: a full logic id or a prefix of 4+ hex characters, lower-cased; undefined when absent. */
export function logicIdPrefixParam(params: URLSearchParams): string | undefined {
  const logicId = singleParam(params, "logicId");
  if (logicId === undefined) return undefined;
  if (!/^[0-9a-f]{4,64}$/i.test(logicId)) throw new ParamError("logicId", "must be 4 to 64 hex characters (a logic id or its prefix)");
  return logicId.toLowerCase();
}

/** A run id from parameter `name`, required. */
export const requireRunId = (params: URLSearchParams, name: string): string => requiredParam(params, name, "the id of a run");

/** `bucket=hour|day|week`; undefined lets the query pick one from the data's time span. */
export const parseBucket = (params: URLSearchParams): TrendBucket | undefined => oneOfParam(params, "bucket", TREND_BUCKETS);
