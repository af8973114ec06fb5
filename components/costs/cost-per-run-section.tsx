import type { CostPerRunTrend } from "@/lib/costs/types";
import { ChartDataTable } from "@/components/costs/chart-data-table";
import { perRunSummary, toPerRunChart } from "@/components/costs/chart-data";
import { CostPerRunChart } from "@/components/costs/cost-per-run-chart";

/** The cost-per-run card: is a workload getting more expensive per run, not just busier? */
export function CostPerRunSection({ trend, windowLabel }: { trend: CostPerRunTrend; windowLabel: string }) {
  const data = toPerRunChart(trend);
  const hasLines = data.series.length > 0 && data.rows.length > 0;
  return (
    <section
      aria-labelledby="per-run-heading"
      data-testid="cost-per-run-chart"
      data-series={data.series.length}
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="per-run-heading" className="mb-1 text-sm font-semibold text-slate-800">
        Cost per run
      </h2>
      {hasLines ? (
        <figure>
          <figcaption className="mb-3 text-xs text-slate-500">
            Average cost of a finished run per {trend.bucket}, for the workloads that spent most. Times in UTC.
          </figcaption>
          <CostPerRunChart data={data} summary={perRunSummary(data, windowLabel)} />
          <ChartDataTable data={data} caption={`Average cost of a finished run per ${trend.bucket}, by workload, USD`} testId="cost-per-run-data-table" />
        </figure>
      ) : (
        <p data-testid="cost-per-run-none" className="text-sm text-slate-500">
          No finished runs of a workload in {windowLabel}.
        </p>
      )}
    </section>
  );
}
