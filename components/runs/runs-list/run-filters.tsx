"use client";

import { useEffect, useRef, useState } from "react";
import type { RunFilterOptions } from "@/lib/runs/types";
import { NameOptions, VersionOptions } from "@/components/runs/runs-list/filter-options";
import { ScoreChips } from "@/components/runs/runs-list/score-chips";
import type { ListEdit } from "@/components/ui/url-params";
import { readSearch, withScoreFilter } from "@/components/runs/runs-list/score-search";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/filter-select";

export const TIME_RANGES = [
  { value: "", label: "Any time" },
  { value: "15m", label: "Last 15 minutes" },
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

export const FILTER_PARAMS = ["workload", "version", "logicId", "deployment", "status", "from", "to", "q"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** A filter bar change: single parameters, and the score filters (`score`, repeated): a new list or an edit of it. */
export type FilterChanges = Partial<Record<FilterParam, string>> & { score?: readonly string[] | ListEdit };

interface Props {
  values: Record<FilterParam, string>;
  /** The `score` parameters: filters as typed after `score:`. */
  scores: readonly string[];
  options: RunFilterOptions;
  onChange: (changes: FilterChanges) => void;
}

const SEARCH_ERROR_ID = "filter-search-error";

/** The runs page's filter bar; every value lives in the URL, this only edits it. */
export function RunFilters({ values, scores, options, onChange }: Props) {
  const [search, setSearch] = useState(values.q);
  const [error, setError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => setSearch(values.q), [values.q]);
  const customRange = values.from && !TIME_RANGES.some((range) => range.value === values.from);
  const active = FILTER_PARAMS.some((param) => values[param]) || scores.length > 0;
  // Edits, not lists: two quick changes both count though the URL shows neither yet.
  const removeScore = (text: string) => {
    onChange({ score: (current) => current.filter((given) => given !== text) });
    searchBox.current?.focus();
  };

  return (
    <form
      role="search"
      aria-label="Filter runs"
      className="mb-4 flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const intent = readSearch(search, scores);
        setError(intent.kind === "error" ? intent.message : null);
        if (intent.kind === "q") onChange({ q: intent.q });
        if (intent.kind === "score") {
          onChange({ score: (current) => withScoreFilter(current, intent.text) });
          setSearch(values.q);
        }
      }}
    >
      <FilterSelect label="Workload" testId="filter-workload" value={values.workload} onChange={(value) => onChange({ workload: value, logicId: "" })}>
        <NameOptions all="All workloads" names={options.workloads} value={values.workload} />
      </FilterSelect>
      <FilterSelect label="Version" testId="filter-version" value={values.logicId} onChange={(value) => onChange({ logicId: value })}>
        <VersionOptions versions={options.versions} workload={values.workload} logicId={values.logicId} />
      </FilterSelect>
      <FilterSelect label="Deployment" testId="filter-deployment" value={values.deployment} onChange={(value) => onChange({ deployment: value })}>
        <NameOptions all="All deployments" names={options.deployments} value={values.deployment} />
      </FilterSelect>
      <FilterSelect label="Status" testId="filter-status" value={values.status} onChange={(value) => onChange({ status: value })}>
        <option value="">Any status</option>
        <option value="running">Running</option>
        <option value="completed">Completed</option>
        <option value="failed">Failed</option>
      </FilterSelect>
      <FilterSelect label="Started" testId="filter-time" value={customRange ? "custom" : values.from} onChange={(value) => onChange({ from: value, to: "" })}>
        {TIME_RANGES.map((range) => (
          <option key={range.value} value={range.value}>
            {range.label}
          </option>
        ))}
        {customRange ? <option value="custom">Custom range</option> : null}
      </FilterSelect>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Run id or score
        <input
          ref={searchBox}
          data-testid="filter-search"
          type="search"
          placeholder="Run id, or score:helpfulness < 3"
          className={`${FIELD_CLASS} w-72 font-mono ${error ? "border-red-400" : ""}`}
          value={search}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? SEARCH_ERROR_ID : undefined}
          onChange={(e) => {
            setSearch(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== "Escape" || !error) return;
            e.preventDefault();
            setError(null);
          }}
        />
      </label>
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400">
        Search
      </button>
      {active ? (
        <button
          type="button"
          data-testid="filter-clear"
          className="rounded-md px-3 py-1.5 text-sm text-slate-600 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400"
          onClick={() => {
            onChange({ ...Object.fromEntries(FILTER_PARAMS.map((p) => [p, ""])), score: [] });
            setError(null);
          }}
        >
          Clear filters
        </button>
      ) : null}
      {error ? (
        <p id={SEARCH_ERROR_ID} role="alert" data-testid="filter-search-error" className="basis-full text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <ScoreChips scores={scores} onRemove={removeScore} />
    </form>
  );
}
