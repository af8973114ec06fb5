import { parsePageParams } from "@/lib/http/pagination";
import { oneOfParam, ParamError, parseLimit, parseWindow, singleParam } from "@/lib/http/params";
import { DIMENSIONS, SPEND_BUCKETS, type CostFilters, type SpendBucket, type SpendDimension, type TopRunsCursor } from "@/lib/costs/types";
import { logicIdPrefixParam } from "@/lib/workloads/params";

export const DEFAULT_TOP_RUNS = 20;
export const MAX_TOP_RUNS = 200;

/** `from` / `to`, `workload`, `logicId`, `deployment`: the filters the runs list takes, read alike. */
export function parseCostFilters(params: URLSearchParams, nowMs = Date.now()): CostFilters {
  const filters: CostFilters = { window: parseWindow(params, nowMs) };
  const workload = singleParam(params, "workload");
  if (workload) filters.workload = workload;
  const logicId = logicIdPrefixParam(params);
  if (logicId) filters.logicId = logicId;
  const deployment = singleParam(params, "deployment");
  if (deployment) filters.deployment = deployment;
  return filters;
}

/** `by=workload|version|model|deployment` (default workload). */
export const parseDimension = (params: URLSearchParams): SpendDimension => oneOfParam(params, "by", DIMENSIONS, "workload");

/** `bucket=day|week` (default day). */
export const parseSpendBucket = (params: URLSearchParams): SpendBucket => oneOfParam(params, "bucket", SPEND_BUCKETS, "day");

export const parseTopRunsLimit = (params: URLSearchParams): number =>
  parseLimit(singleParam(params, "limit"), DEFAULT_TOP_RUNS, MAX_TOP_RUNS);

/** `limit` and `cursor` (the exact cost and run id of the previous page's last run). */
export function parseTopRunsPage(params: URLSearchParams): { limit: number; after: TopRunsCursor | null } {
  const { limit, after } = parsePageParams(params, { fallback: DEFAULT_TOP_RUNS, max: MAX_TOP_RUNS });
  if (!after) return { limit, after: null };
  const [costUsd, runId] = after;
  if (after.length !== 2 || typeof costUsd !== "string" || !/^\d{1,30}(\.\d{1,12})?$/.test(costUsd) || typeof runId !== "string") {
    throw new ParamError("cursor", "not a cursor this API returned; start again without it");
  }
  return { limit, after: { costUsd, runId } };
}
