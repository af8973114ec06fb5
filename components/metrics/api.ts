import type { MetricPage, MetricSeriesResult, MetricServices } from "@/lib/metrics/types";
import { ApiError, fetchJson, withQuery } from "@/components/ui/api-client";
import { resolveWindow, windowId, type MetricView } from "@/components/metrics/view";

/** Metrics per page of the list; a service rarely has more. */
const METRIC_PAGE = 200;
/** Groups per page of a chart: more lines than this no longer read as lines. */
const GROUP_PAGE = 10;

/**
 * Where the next page of groups starts. Later pages reuse the first page's window and step, so a
 * window that ends "now" does not slide between pages and every group shares the same steps.
 */
export interface GroupPageParam {
  cursor: string;
  from: string;
  to: string;
  step: number;
}

export type SeriesQuery = Pick<MetricView, "service" | "window" | "groupBy"> & { metric: string };

/** Query keys in one place. */
export const metricKeys = {
  services: () => ["metrics", "services"] as const,
  list: (service: string | null) => ["metrics", "list", service] as const,
  series: (query: SeriesQuery) => ["metrics", "series", query.service, query.metric, windowId(query.window), query.groupBy] as const,
};

export const metricApi = {
  services: (signal?: AbortSignal) => fetchJson<MetricServices>("/api/v1/metrics/services", { signal }),
  list: (service: string | null, cursor: string | null, signal?: AbortSignal) =>
    fetchJson<MetricPage>(withQuery("/api/v1/metrics", { service, limit: METRIC_PAGE, cursor }), { signal }),
  series: (query: SeriesQuery, page: GroupPageParam | null, signal?: AbortSignal) => {
    // The first page fixes the window (a preset ends at the moment it is asked for).
    const window = page ?? windowParams(query);
    return fetchJson<MetricSeriesResult>(
      withQuery("/api/v1/metrics/series", {
        service: query.service,
        name: query.metric,
        groupBy: query.groupBy,
        limit: GROUP_PAGE,
        from: window.from,
        to: window.to,
        step: page?.step,
        cursor: page?.cursor,
      }),
      { signal },
    );
  },
};

function windowParams(query: SeriesQuery): { from: string; to: string } {
  const { fromMs, toMs } = resolveWindow(query.window, Date.now());
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}

/** The param of the page after `result`, or undefined when it was the last. */
export const nextGroupPage = (result: MetricSeriesResult): GroupPageParam | undefined =>
  result.nextCursor ? { cursor: result.nextCursor, from: result.from, to: result.to, step: result.stepSeconds } : undefined;

/** Retries what may pass next time (no answer, 5xx), not a refusal: an unknown metric's 404 shows at once. */
export const retryUnlessRefused = (failures: number, error: Error): boolean =>
  failures < 3 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
