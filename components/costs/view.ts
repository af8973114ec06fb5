// The costs page's view state, all of it in the URL so any view can be shared. Bad values fall back
// to defaults rather than failing the page: a stale bookmark should still open.

import { DIMENSIONS, SPEND_BUCKETS, type SpendBucket, type SpendDimension } from "@/lib/costs/types";
import { parseWindowKey, type WindowKey } from "@/components/workloads/window";

export const COSTS_PATH = "/costs";
export const DEFAULT_WINDOW: WindowKey = "30d";
export const DEFAULT_BY: SpendDimension = "workload";
export const DEFAULT_BUCKET: SpendBucket = "day";

export interface CostView {
  window: WindowKey;
  by: SpendDimension;
  bucket: SpendBucket;
  workload?: string;
  logicId?: string;
  deployment?: string;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** The same limit the API puts on text parameters (lib/runs/list-params). */
const MAX_TEXT = 200;
const LOGIC_ID = /^[0-9a-f]{4,64}$/i;

const first = (raw: string | string[] | undefined): string | undefined => (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;

function oneOf<T extends string>(raw: string | string[] | undefined, allowed: readonly T[], fallback: T): T {
  const value = first(raw);
  return allowed.find((a) => a === value) ?? fallback;
}

/** Text the API would accept, or nothing. */
function text(raw: string | string[] | undefined): string | undefined {
  const value = first(raw);
  return value && value.length <= MAX_TEXT && !value.includes("\u0000") ? value : undefined;
}

export function parseCostView(query: SearchParams): CostView {
  const view: CostView = {
    window: parseWindowKey(query.window, DEFAULT_WINDOW),
    by: oneOf(query.by, DIMENSIONS, DEFAULT_BY),
    bucket: oneOf(query.bucket, SPEND_BUCKETS, DEFAULT_BUCKET),
  };
  const workload = text(query.workload);
  if (workload) view.workload = workload;
  const logicId = first(query.logicId);
  if (logicId && LOGIC_ID.test(logicId)) view.logicId = logicId.toLowerCase();
  const deployment = text(query.deployment);
  if (deployment) view.deployment = deployment;
  return view;
}

/** Whether the view is narrowed by workload, version or deployment (the window does not count). */
export const hasFilters = (view: CostView): boolean => Boolean(view.workload || view.logicId || view.deployment);

/** The view as query parameters; defaults are left out so URLs stay short. */
export function viewParams(view: CostView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.window !== DEFAULT_WINDOW) params.set("window", view.window);
  if (view.by !== DEFAULT_BY) params.set("by", view.by);
  if (view.bucket !== DEFAULT_BUCKET) params.set("bucket", view.bucket);
  if (view.workload) params.set("workload", view.workload);
  if (view.logicId) params.set("logicId", view.logicId);
  if (view.deployment) params.set("deployment", view.deployment);
  return params;
}

/** A link to the costs page with some of the view changed. */
export function costsHref(view: CostView, changes: Partial<CostView> = {}): string {
  // The three always-set fields keep their value if a change passes them as undefined.
  const next = { ...view, ...changes, window: changes.window ?? view.window, by: changes.by ?? view.by, bucket: changes.bucket ?? view.bucket };
  const query = viewParams(next).toString();
  return query ? `${COSTS_PATH}?${query}` : COSTS_PATH;
}

/** Everything but the window, for the window selector to carry along. */
export const paramsBesideWindow = (view: CostView): Record<string, string> =>
  Object.fromEntries(viewParams({ ...view, window: DEFAULT_WINDOW }));

/** The same view without its workload / version / deployment filters. */
export const clearFiltersHref = (view: CostView): string =>
  costsHref(view, { workload: undefined, logicId: undefined, deployment: undefined });
