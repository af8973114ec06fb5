import { unstable_rethrow } from "next/navigation";
import { LoadFailed } from "@/components/empty-state";
import { CostFilterBar } from "@/components/costs/cost-filter-bar";
import { CostPerRunSection } from "@/components/costs/cost-per-run-section";
import { CostsEmpty, CostsNoMatch } from "@/components/costs/costs-empty";
import { CostsHeader } from "@/components/costs/costs-header";
import { totalSentence } from "@/components/costs/format";
import { SpendSection } from "@/components/costs/spend-section";
import { TopRunsTable } from "@/components/costs/top-runs-table";
import { UnpricedModels } from "@/components/costs/unpriced-models";
import {
  clearFiltersHref,
  costsHref,
  DEFAULT_WINDOW,
  hasFilters,
  paramsBesideWindow,
  parseCostView,
  type CostView,
  type SearchParams,
} from "@/components/costs/view";
import { windowPhrase } from "@/components/workloads/window";
import { costFilters } from "@/app/costs/cost-filters";
import { WindowSelector } from "@/components/workloads/window-selector";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { DEFAULT_TOP_RUNS } from "@/lib/costs/params";
import { costPerRunTrend, spendOverTime, topRunsByCost } from "@/lib/costs/queries/costs";
import { runFilterOptions } from "@/lib/runs/queries/run-list";
import { listUnpricedModels } from "@/lib/costs/queries/unpriced-models";
import { requireReadDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Costs" };

type Props = { searchParams: Promise<SearchParams> };

/** Everything the page shows, read in parallel. */
async function load(tenantId: string, view: CostView, nowMs: number) {
  const db = requireReadDb();
  const filters = costFilters(view, nowMs);
  const [spend, topRuns, perRun, unpriced, options] = await Promise.all([
    spendOverTime(db, tenantId, filters, view.by, view.bucket, nowMs),
    topRunsByCost(db, tenantId, filters, DEFAULT_TOP_RUNS),
    costPerRunTrend(db, tenantId, filters, view.bucket),
    listUnpricedModels(db, tenantId),
    runFilterOptions(db, tenantId),
  ]);
  return { spend, topRuns, perRun, unpriced, options };
}

/** Where the money goes: spend over time split one way, the costliest runs, cost per run, and what has no price. */
export default async function CostsPage({ searchParams }: Props) {
  const params = await searchParams;
  const view = parseCostView(params);
  const nowMs = Date.now();
  const windowLabel = windowPhrase(view.window);
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(await pageTenant(pathWithQuery("/costs", params)), view, nowMs);
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={<CostsHeader />} error={error} fallback="The costs could not be loaded." />;
  }
  const { spend, topRuns, perRun, unpriced, options } = data;
  const windowSelector = <WindowSelector path="/costs" current={view.window} fallback={DEFAULT_WINDOW} keep={paramsBesideWindow(view)} />;

  if (spend.series.length === 0 && unpriced.length === 0 && !hasFilters(view)) {
    return (
      <>
        <CostsHeader />
        <div className="mb-4 flex justify-end">{windowSelector}</div>
        <CostsEmpty windowLabel={windowLabel} allTimeHref={view.window === "all" ? null : costsHref(view, { window: "all" })} />
      </>
    );
  }

  const noMatch = spend.series.length === 0 && hasFilters(view);
  return (
    <>
      <CostsHeader total={totalSentence(spend.totalUsd, spend.runCount, view.window)} />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <CostFilterBar view={view} options={options} />
        {windowSelector}
      </div>
      {noMatch ? (
        <div className="mb-6">
          <CostsNoMatch clearHref={clearFiltersHref(view)} />
        </div>
      ) : (
        <>
          <SpendSection spend={spend} view={view} windowLabel={windowLabel} />
          <TopRunsTable runs={topRuns.runs} windowLabel={windowLabel} nowMs={nowMs} />
          <CostPerRunSection trend={perRun} windowLabel={windowLabel} />
        </>
      )}
      <UnpricedModels models={unpriced} nowMs={nowMs} />
    </>
  );
}
