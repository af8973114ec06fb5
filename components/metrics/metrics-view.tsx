"use client";

import { useQuery } from "@tanstack/react-query";
import type { MetricSummary } from "@/lib/metrics/types";
import type { Endpoints } from "@/lib/runtime/endpoints";
import { ErrorPanel } from "@/components/empty-state";
import { metricApi, metricKeys, retryUnlessRefused } from "@/components/metrics/api";
import { MetricList } from "@/components/metrics/metric-list";
import { MetricsEmpty } from "@/components/metrics/metrics-empty";
import { SeriesPanel } from "@/components/metrics/series-panel";
import { ServiceSelect } from "@/components/metrics/service-select";
import { useMetricView } from "@/components/metrics/use-metric-view";
import { DEFAULT_WINDOW } from "@/components/metrics/view";
import { WindowSelect } from "@/components/metrics/window-select";

/**
 * The Metrics page: a service, one of its metrics, a window and a grouping, all in the URL so a
 * link (a run's, say) reproduces the chart and Back undoes a choice.
 */
export function MetricsView({ endpoints }: { endpoints: Endpoints }) {
  const [view, change] = useMetricView();
  const services = useQuery({ queryKey: metricKeys.services(), queryFn: ({ signal }) => metricApi.services(signal), retry: retryUnlessRefused });

  if (services.isError) return <ErrorPanel message={`The metrics could not be loaded: ${services.error.message}`} />;
  if (services.isPending) return <p role="status" className="text-sm text-slate-500">Loading the metrics…</p>;
  if (services.data.services.length === 0) return <MetricsEmpty endpoints={endpoints} />;

  const selectMetric = (metric: MetricSummary) =>
    change({ service: metric.service ?? view.service, metric: metric.name, groupBy: view.groupBy && metric.attributeKeys.includes(view.groupBy) ? view.groupBy : null });

  return (
    <div data-testid="metrics-view">
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <ServiceSelect services={services.data.services} value={view.service} onChange={(service) => change({ service, metric: null, groupBy: null })} />
        <WindowSelect value={view.window} onChange={(key) => change({ from: key === DEFAULT_WINDOW ? null : key, to: null })} />
      </div>
      <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
        <MetricList service={view.service} selected={{ service: view.service, name: view.metric }} onSelect={selectMetric} />
        {view.metric ? (
          <SeriesPanel view={{ ...view, metric: view.metric }} onChange={change} />
        ) : (
          <p data-testid="metric-choose" className="rounded-lg border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500">
            Choose a metric to chart it.
          </p>
        )}
      </div>
    </div>
  );
}
