"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { FilterSelect } from "@/components/ui/filter-select";
import type { RunFilterOptions } from "@/lib/runs/types";
import { NameOptions, VersionOptions } from "@/components/runs/runs-list/filter-options";
import { clearFiltersHref, COSTS_PATH, costsHref, DEFAULT_BUCKET, DEFAULT_BY, DEFAULT_WINDOW, hasFilters, type CostView } from "@/components/costs/view";

/**
 * Workload / version / deployment filters. Choosing navigates at once; without JavaScript the form
 * submits as a plain GET, carrying the rest of the view in hidden fields.
 */
export function CostFilterBar({ view, options }: { view: CostView; options: RunFilterOptions }) {
  const router = useRouter();
  const go = (changes: Partial<CostView>) => router.push(costsHref(view, changes), { scroll: false });

  return (
    <form role="search" aria-label="Filter costs" action={COSTS_PATH} method="get" className="flex flex-wrap items-end gap-3">
      {view.window !== DEFAULT_WINDOW ? <input type="hidden" name="window" value={view.window} /> : null}
      {view.by !== DEFAULT_BY ? <input type="hidden" name="by" value={view.by} /> : null}
      {view.bucket !== DEFAULT_BUCKET ? <input type="hidden" name="bucket" value={view.bucket} /> : null}
      <FilterSelect
        label="Workload"
        name="workload"
        testId="filter-workload"
        value={view.workload ?? ""}
        onChange={(value) => go({ workload: value || undefined, logicId: undefined })}
      >
        <NameOptions all="All workloads" names={options.workloads} value={view.workload} />
      </FilterSelect>
      <FilterSelect label="Version" name="logicId" testId="filter-version" value={view.logicId ?? ""} onChange={(value) => go({ logicId: value || undefined })}>
        <VersionOptions versions={options.versions} workload={view.workload} logicId={view.logicId} />
      </FilterSelect>
      <FilterSelect
        label="Deployment"
        name="deployment"
        testId="filter-deployment"
        value={view.deployment ?? ""}
        onChange={(value) => go({ deployment: value || undefined })}
      >
        <NameOptions all="All deployments" names={options.deployments} value={view.deployment} />
      </FilterSelect>
      <noscript>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
          Apply
        </button>
      </noscript>
      {hasFilters(view) ? (
        <Link
          href={clearFiltersHref(view)}
          data-testid="filter-clear"
          scroll={false}
          className="rounded-md px-3 py-1.5 text-sm text-slate-600 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400"
        >
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
