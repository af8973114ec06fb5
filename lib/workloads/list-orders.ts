import type { SortOrder } from "@/lib/http/pagination";
import type { VersionStats, WorkloadStats } from "@/lib/workloads/types";

// The order each workloads list is paginated in: the order its query returns, as sort keys.

/** Most recently seen first (the workloads page's order). */
export const WORKLOAD_ORDER: SortOrder<WorkloadStats> = { key: (w) => [w.lastSeen, w.name], directions: ["desc", "asc"] };

/** Newest first. */
export const VERSION_ORDER: SortOrder<VersionStats> = { key: (v) => [v.lastSeen, v.logicId], directions: ["desc", "asc"] };
