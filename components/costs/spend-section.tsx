import type { SpendOverTime } from "@/lib/costs/types";
import { MAX_SERIES, OTHER_KEY } from "@/lib/costs/spend-series";
import { ChartDataTable } from "@/components/costs/chart-data-table";
import { spendSummary, toSpendChart } from "@/components/costs/chart-data";
import { SpendChart } from "@/components/costs/spend-chart";
import { SpendControls } from "@/components/costs/spend-controls";
import { SpendSeriesTable } from "@/components/costs/spend-series-table";
import type { CostView } from "@/components/costs/view";

/** The spend-over-time card: its controls, the stacked chart (client), the series with totals, the hidden data. */
export function SpendSection({ spend, view, windowLabel }: { spend: SpendOverTime; view: CostView; windowLabel: string }) {
  const data = toSpendChart(spend);
  const hasSpend = spend.series.length > 0;
  return (
    <section
      aria-labelledby="spend-heading"
      data-testid="spend-chart"
      data-by={spend.by}
      data-bucket={spend.bucket}
      data-series={spend.series.length}
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="spend-heading" className="text-sm font-semibold text-slate-800">
          Spend over time
        </h2>
        <SpendControls view={view} />
      </div>
      {hasSpend ? (
        <>
          <figure>
            <SpendChart data={data} summary={spendSummary(data, spend.by, spend.totalUsd, windowLabel)} />
            <figcaption className="mt-1 text-xs text-slate-500">
              Each run&apos;s spend falls in the {spend.bucket} it started (UTC{spend.bucket === "week" ? ", weeks start on Monday" : ""}).
              {spend.series.some((s) => s.key === OTHER_KEY) ? ` Past the ${MAX_SERIES} largest, the rest is summed as Other.` : ""}
            </figcaption>
            <ChartDataTable data={data} caption={`Spend per ${spend.bucket} by ${spend.by}, USD`} testId="spend-data-table" withTotal />
          </figure>
          <SpendSeriesTable
            series={spend.series}
            drawn={data.series}
            by={spend.by}
            totalUsd={spend.totalUsd}
            caption={`Spend by ${spend.by} over ${windowLabel}, with share of the total`}
          />
        </>
      ) : (
        <p data-testid="spend-none" className="text-sm text-slate-500">
          No priced spend in {windowLabel}.
        </p>
      )}
    </section>
  );
}
