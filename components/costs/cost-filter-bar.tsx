"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { shortId } from "@/components/ui/format";
import type { RunFilterOptions } from "@/lib/runs/types";
import { clearFiltersHref, COSTS_PATH, costsHref, DEFAULT_BUCKET, DEFAULT_BY, DEFAULT_WINDOW, hasFilters, type CostView } from "@/components/costs/view";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

/**
 * Workload / version / deployment filters. Choosing navigates at once; without JavaScript the form
 * submits as a plain GET, carrying the rest of the view in hidden fields.
 */
export function CostFilterBar({ view, options }: { view: CostView; options: RunFilterOptions }) {
  const router = useRouter();
  const go = (changes: Partial<CostView>) => router.push(costsHref(view, changes), { scroll: false });
  const versions = options.versions.filter((v) => !view.workload || v.workloadName === view.workload);

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
        <option value="">All workloads</option>
        <KeptOption value={view.workload} known={options.workloads} />
        {options.workloads.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Version" name="logicId" testId="filter-version" value={view.logicId ?? ""} onChange={(value) => go({ logicId: value || undefined })}>
        <option value="">All versions</option>
        {view.logicId && !versions.some((v) => v.logicId === view.logicId) ? <option value={view.logicId}>logic id {view.logicId}…</option> : null}
        {versions.map((v) => (
          <option key={`${v.workloadName}:${v.logicId}`} value={v.logicId}>
            {view.workload ? "" : `${v.workloadName} `}
            {v.version ?? "?"} · {shortId(v.logicId, 8)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Deployment"
        name="deployment"
        testId="filter-deployment"
        value={view.deployment ?? ""}
        onChange={(value) => go({ deployment: value || undefined })}
      >
        <option value="">All deployments</option>
        <KeptOption value={view.deployment} known={options.deployments} />
        {options.deployments.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
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

/** A value from the URL that the option list does not know (e.g. a deployment past the list's cap) stays selectable. */
function KeptOption({ value, known }: { value: string | undefined; known: string[] }) {
  return value && !known.includes(value) ? <option value={value}>{value}</option> : null;
}

interface SelectProps {
  label: string;
  name: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

function FilterSelect({ label, name, testId, value, onChange, children }: SelectProps) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} data-testid={testId} className={selectClass} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </label>
  );
}
