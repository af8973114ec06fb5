"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, type ReactNode } from "react";
import { EmptyState, ErrorPanel } from "@/components/empty-state";
import type { RunFilterOptions, RunPage } from "@/lib/runs/types";
import { runApi, runKeys } from "@/components/runs/api";
import { useReplaceParams } from "@/components/ui/url-params";
import { FILTER_PARAMS, RunFilters, type FilterChanges, type FilterParam } from "@/components/runs/runs-list/run-filters";
import { RunsTable } from "@/components/runs/runs-list/runs-table";

/** New runs appear within this long while the first page is open. */
const LIVE_REFRESH_MS = 2000;

interface Props {
  initialQuery: string;
  initialPage: RunPage | null;
  options: RunFilterOptions;
  /** Shown when there is no run at all yet (and no filter). */
  onboarding: ReactNode;
}

export function RunsView({ initialQuery, initialPage, options, onboarding }: Props) {
  const searchParams = useSearchParams();
  const query = searchParams.toString();
  const cursor = searchParams.get("cursor");
  const values = Object.fromEntries(FILTER_PARAMS.map((p) => [p, searchParams.get(p) ?? ""])) as Record<FilterParam, string>;
  const scores = searchParams.getAll("score").filter((text) => text.trim() !== "");
  const filtered = FILTER_PARAMS.some((p) => values[p]) || scores.length > 0;

  const runs = useQuery({
    queryKey: runKeys.list(query),
    queryFn: ({ signal }) => runApi.list(query, signal),
    initialData: query === initialQuery && initialPage ? initialPage : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: cursor ? false : LIVE_REFRESH_MS,
    staleTime: 0,
  });

  const replaceParams = useReplaceParams();
  // Any filter change starts again from the newest run.
  const update = useCallback((changes: FilterChanges & { cursor?: string }) => replaceParams({ cursor: null, ...changes }), [replaceParams]);

  const page = runs.data;
  return (
    <>
      <RunFilters values={values} scores={scores} options={options} onChange={update} />
      {runs.isError ? <ErrorPanel message={`The runs could not be loaded: ${runs.error.message}`} /> : null}
      {!page && runs.isPending ? (
        <p role="status" className="py-8 text-center text-sm text-slate-500">
          Loading runs…
        </p>
      ) : null}
      {page && page.runs.length === 0 && cursor ? (
        <EmptyState title="No older runs" testId="runs-no-older">
          <p>This is the end of the list.</p>
        </EmptyState>
      ) : null}
      {page && page.runs.length === 0 && !cursor ? (
        filtered ? (
          <EmptyState title="No runs match these filters" testId="runs-no-match">
            <p>Widen the time range or clear a filter.</p>
          </EmptyState>
        ) : (
          onboarding
        )
      ) : null}
      {page && page.runs.length > 0 ? (
        <>
          <div className="mb-2 flex items-center justify-between text-xs text-slate-500">
            <span data-testid="runs-live" aria-live="polite">
              {cursor ? "Older runs — live updates paused" : "Live: new runs appear automatically"}
              {runs.isFetching ? " · refreshing…" : ""}
            </span>
          </div>
          <RunsTable runs={page.runs} />
        </>
      ) : null}
      <nav aria-label="Pages" className="mt-4 flex gap-2">
        {cursor ? (
          <button type="button" data-testid="runs-newest" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400" onClick={() => update({ cursor: "" })}>
            ← Newest runs
          </button>
        ) : null}
        {page?.nextCursor ? (
          <button type="button" data-testid="runs-older" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400" onClick={() => update({ cursor: page.nextCursor ?? "" })}>
            Older runs →
          </button>
        ) : null}
      </nav>
    </>
  );
}
