import type { WorkloadTrend } from "@/lib/workloads/types";
import { TrendChart } from "@/components/workloads/version-history/trend-chart";
import { BUCKET_NOUN, toChartData } from "@/components/workloads/version-history/trend-data";
import { TrendTable } from "@/components/workloads/version-history/trend-table";
import { AnomalyList } from "@/components/workloads/version-history/anomaly-list";

/** The trend card: heading, a plain-language summary, the chart (client) and its data as a table. */
export function TrendSection({ trend, windowLabel }: { trend: WorkloadTrend; windowLabel: string }) {
  const data = toChartData(trend);
  const summary = data
    ? `p95 run duration and cost per run, ${data.points.length} ${BUCKET_NOUN[trend.bucket]} point${data.points.length === 1 ? "" : "s"} over ${windowLabel}, ${data.boundaries.length} version change${data.boundaries.length === 1 ? "" : "s"} marked.`
    : null;
  return (
    <section
      aria-labelledby="trend-heading"
      data-testid="trend-chart"
      data-points={data?.points.length ?? 0}
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="trend-heading" className="text-sm font-semibold text-slate-800">
        Trend
      </h2>
      {data && summary ? (
        <figure className="mt-2">
          <figcaption className="mb-3 text-xs text-slate-500">
            {summary} Dashed lines mark where a version was first seen; shaded {trend.bucket}s are when a node left its baseline (listed below). Times in UTC.
          </figcaption>
          <TrendChart data={data} bucket={trend.bucket} />
          <TrendTable data={data} bucket={trend.bucket} />
          <AnomalyList anomalies={trend.anomalies} bucket={trend.bucket} />
        </figure>
      ) : (
        <p data-testid="trend-empty" className="mt-2 text-sm text-slate-500">
          No finished runs in this window yet: the trend appears once runs of this workload complete or fail.
        </p>
      )}
    </section>
  );
}
