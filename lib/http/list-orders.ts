import type { PriceOverride } from "@/lib/costs/types";
import type { UnpricedModel } from "@/lib/costs/queries/unpriced-models";
import type { VersionStats, WorkloadStats } from "@/lib/workloads/types";
import type { SortOrder } from "@/lib/http/pagination";

// The order each server-built list is paginated in: the order its query returns, as sort keys.

/** Most recently seen first (the workloads page's order). */
export const WORKLOAD_ORDER: SortOrder<WorkloadStats> = { key: (w) => [w.lastSeen, w.name], directions: ["desc", "asc"] };

/** Newest first. */
export const VERSION_ORDER: SortOrder<VersionStats> = { key: (v) => [v.lastSeen, v.logicId], directions: ["desc", "asc"] };

/** Most tokens first. */
export const UNPRICED_ORDER: SortOrder<UnpricedModel> = {
  key: (m) => [m.inputTokens + m.outputTokens, m.model, m.vendor ?? ""],
  directions: ["desc", "asc", "asc"],
};

/** By model, newest date first (the prices page's order). */
export const PRICE_ORDER: SortOrder<PriceOverride> = {
  key: (p) => [p.model.toLowerCase(), p.effectiveFrom, Number(p.id)],
  directions: ["asc", "desc", "desc"],
};

export const LIST_LIMITS = { fallback: 100, max: 500 } as const;
