"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { ParamChanges } from "@/components/ui/url-params";
import { metricApi, metricKeys, nextGroupPage, retryUnlessRefused, type GroupPageParam, type SeriesQuery } from "@/components/metrics/api";
import { MetricHeading } from "@/components/metrics/metric-heading";
import { SeriesControls } from "@/components/metrics/series-controls";
import { SeriesFigure } from "@/components/metrics/series-figure";
import { DEFAULT_QUANTILE, windowPhrase, type MetricView } from "@/components/metrics/view";

/** A window that ends now is asked for again this often, so the chart keeps up. */
const REFRESH_MS = 30_000;

interface Props {
  view: MetricView & { metric: string };
  onChange: (changes: ParamChanges) => void;
}

/** The chosen metric over the window: its heading, grouping, chart and the groups page by page. */
export function SeriesPanel({ view, onChange }: Props) {
  const query: SeriesQuery = { service: view.service, metric: view.metric, window: view.window, groupBy: view.groupBy };
  const series = useInfiniteQuery({
    queryKey: metricKeys.series(query),
    queryFn: ({ pageParam, signal }) => metricApi.series(query, pageParam, signal),
    initialPageParam: null as GroupPageParam | null,
    getNextPageParam: nextGroupPage,
    retry: retryUnlessRefused,
    // Another window or grouping of the same metric keeps the old chart up while it loads; another metric does not.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === view.service && previousQuery.queryKey[3] === view.metric ? previous : undefined,
    refetchInterval: view.window.kind === "preset" ? REFRESH_MS : false,
  });
  const first = series.data?.pages[0] ?? null;
  const groups = useMemo(() => series.data?.pages.flatMap((page) => page.groups) ?? [], [series.data]);
  const metric = first?.metric ?? null;
  const windowText = windowPhrase(view.window);

  return (
    <section aria-labelledby="metric-heading" data-testid="metric-panel" aria-busy={series.isFetching} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        {metric ? <MetricHeading metric={metric} /> : <h2 id="metric-heading" className="break-all font-mono text-base font-semibold">{view.metric}</h2>}
        {metric ? (
          <SeriesControls
            attributeKeys={metric.attributeKeys}
            groupBy={view.groupBy}
            measure={metric.measure}
            quantile={view.quantile}
            onGroupBy={(groupBy) => onChange({ groupBy })}
            onQuantile={(quantile) => onChange({ quantile: quantile === DEFAULT_QUANTILE ? null : quantile })}
          />
        ) : null}
      </div>
      {series.isError ? (
        <p role="alert" data-testid="metric-error" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          The series of {view.metric} could not be loaded: {series.error.message}
        </p>
      ) : series.isPending || !first ? (
        <p role="status" className="py-10 text-center text-sm text-slate-500">
          Loading {view.metric}…
        </p>
      ) : (
        <div className={series.isPlaceholderData ? "opacity-60" : undefined}>
          <SeriesFigure
            metric={first.metric}
            groups={groups}
            groupBy={first.groupBy}
            quantile={view.quantile}
            domain={[Date.parse(first.from), Date.parse(first.to)]}
            stepSeconds={first.stepSeconds}
            windowText={windowText}
          />
          {first.seriesTruncated ? (
            <p data-testid="metric-truncated" className="mt-2 text-xs text-amber-800">
              This metric has more series than one chart reads: the figures cover the first ones by key.
            </p>
          ) : null}
          {series.hasNextPage ? (
            <button
              type="button"
              data-testid="metric-more-groups"
              onClick={() => void series.fetchNextPage()}
              disabled={series.isFetchingNextPage}
              className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400"
            >
              {series.isFetchingNextPage ? "Loading…" : "More groups"}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
