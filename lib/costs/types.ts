// The shapes /api/v1/costs* and /api/v1/prices* return and the costs and price settings pages
// render. Costs are USD (numbers: display only; stored costs are exact decimals), times ISO 8601.
// Every cost is counted once: usage an enclosing span repeats is not added again.

import type { TimeWindow } from "@/lib/http/params";
import type { RunStatus } from "@/lib/runs/types";

export const DIMENSIONS = ["workload", "version", "model", "deployment"] as const;
export type SpendDimension = (typeof DIMENSIONS)[number];
export const SPEND_BUCKETS = ["day", "week"] as const;
export type SpendBucket = (typeof SPEND_BUCKETS)[number];

/** What every costs view can be narrowed by, as on the runs list. */
export interface CostFilters {
  window: TimeWindow;
  workload?: string;
  /** A logic id or its prefix (4 to 64 hex characters). */
  logicId?: string;
  deployment?: string;
}

/** Where the next page of top runs starts: the exact cost (numeric text) and run id of the last one. */
export interface TopRunsCursor {
  costUsd: string;
  runId: string;
}

/** One series of the spend chart: a workload, a version, a model or a deployment. */
export interface SpendSeries {
  key: string;
  /** What the legend shows: "(none)" for spend with no workload / deployment / model. */
  label: string;
  /** For versions, the workload and logic id behind the label (links to the version). */
  workload: string | null;
  logicId: string | null;
  totalUsd: number;
}

export interface SpendPoint {
  /** Start of the bucket (days and weeks in UTC; weeks start on Monday). */
  start: string;
  /** Spend per series key in this bucket; keys without spend are left out. */
  values: Record<string, number>;
  totalUsd: number;
}

export interface SpendOverTime {
  by: SpendDimension;
  bucket: SpendBucket;
  windowStart: string | null;
  /** Series by spend, largest first; past the first few, the rest are summed under key "other". */
  series: SpendSeries[];
  points: SpendPoint[];
  totalUsd: number;
  runCount: number;
}

export interface CostlyRun {
  runId: string;
  workload: string | null;
  version: string | null;
  logicId: string | null;
  deployment: string | null;
  status: RunStatus;
  startTime: string;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface TopRuns {
  windowStart: string | null;
  runs: CostlyRun[];
  /** Pass as `cursor` for the next (cheaper) runs; null on the last page. */
  nextCursor: string | null;
}

/** Average cost of a finished run per bucket, per workload. */
export interface CostPerRunTrend {
  bucket: SpendBucket;
  windowStart: string | null;
  workloads: string[];
  points: { start: string; values: Record<string, number> }[];
}

/** A tenant's own price for a model, from a date on; it wins over the price library. */
export interface PriceOverride {
  id: string;
  /** Null: whatever provider the span names. */
  provider: string | null;
  model: string;
  effectiveFrom: string;
  /** USD per million tokens. Cache prices null: charged as input. */
  inputUsdPerMtok: number;
  outputUsdPerMtok: number;
  cacheReadUsdPerMtok: number | null;
  cacheWriteUsdPerMtok: number | null;
  createdAt: string;
}

export type RepriceStatus = "queued" | "running" | "completed" | "failed";

/** Recomputing stored costs after a price change, in the background. */
export interface RepriceJob {
  id: string;
  reason: string;
  /** The model whose spans are repriced; null: every span not priced yet. */
  model: string | null;
  status: RepriceStatus;
  totalSpans: number;
  doneSpans: number;
  /** Spans whose cost changed. */
  changedSpans: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PriceOverrideList {
  overrides: PriceOverride[];
  /** Newest first: the running and queued ones, then the last few finished. */
  jobs: RepriceJob[];
}

/** A page of GET /api/v1/prices: the overrides are paginated; `jobs` is always the recent ones. */
export interface PriceOverrideListPage extends PriceOverrideList {
  nextCursor: string | null;
}

/** What POST /api/v1/prices answers: the price and the job that applies it to stored spans. */
export interface PriceOverrideCreated {
  override: PriceOverride;
  job: RepriceJob;
}

export interface UnpricedModel {
  vendor: string | null;
  model: string;
  /** Tokens counted once (usage repeated by an enclosing span is not added again). */
  inputTokens: number;
  outputTokens: number;
  /** Spans with usage and no cost, and the runs they belong to. */
  spanCount: number;
  runCount: number;
  lastSeen: string;
}

/** A page of GET /api/v1/costs/unpriced. */
export interface UnpricedModelPage {
  models: UnpricedModel[];
  nextCursor: string | null;
}
