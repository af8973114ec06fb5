// Server side of the costs page's view: its filters, read by the API's own parser so the page and
// /api/v1/costs/* count the same runs.

import { parseCostFilters } from "@/lib/costs/params";
import type { CostFilters } from "@/lib/costs/types";
import type { CostView } from "@/components/costs/view";
import { windowFrom } from "@/components/workloads/window";

/** The query filters of a view; never throws, as parseCostView only keeps values the API accepts. */
export function costFilters(view: CostView, nowMs: number): CostFilters {
  const params = new URLSearchParams();
  const from = windowFrom(view.window);
  if (from) params.set("from", from);
  if (view.workload) params.set("workload", view.workload);
  if (view.logicId) params.set("logicId", view.logicId);
  if (view.deployment) params.set("deployment", view.deployment);
  return parseCostFilters(params, nowMs);
}
