import { logicIdPrefixParam, parseLimit, parseWindow, ParamError, singleParam, type TimeWindow } from "@/lib/runs/list-params";
import { parsePageParams } from "@/lib/http/pagination";
import type { TopRunsCursor } from "@/lib/costs/queries/costs";
import type { SpendBucket, SpendDimension } from "@/lib/costs/types";

/** What every costs view can be narrowed by, as on the runs list. */
export interface CostFilters {
  window: TimeWindow;
  workload?: string;
  /** A logic id or its prefix (4 to 64 hex characters). */
  logicId?: string;
  deployment?: string;
}

export const DIMENSIONS: readonly SpendDimension[] = ["workload", "version", "model", "deployment"];
export const SPEND_BUCKETS: readonly SpendBucket[] = ["day", "week"];
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

function oneOf<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const value = singleParam(params, name);
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new ParamError(name, `"${value}" is not one of ${allowed.join(", ")}`);
  return value as T;
}

/** `by=workload|version|model|deployment` (default workload). */
export const parseDimension = (params: URLSearchParams): SpendDimension => oneOf(params, "by", DIMENSIONS, "workload");

/** `bucket=day|week` (default day). */
export const parseSpendBucket = (params: URLSearchParams): SpendBucket => oneOf(params, "bucket", SPEND_BUCKETS, "day");

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
