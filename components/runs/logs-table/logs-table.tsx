"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { LevelSelect } from "@/components/logs/level-select";
import { LogLines, SEARCH_DELAY_MS, useDebounced } from "@/components/logs/log-lines";
import { runApi, runKeys, type LogFilter } from "@/components/runs/api";

/**
 * The run's log records in time order: filtered by level and text on the server, a page of a
 * thousand at a time, drawn virtualized so a 100k-line run scrolls as fast as a short one.
 * Arrow keys move through the lines; Enter opens one's attributes below the list.
 */
export function LogsTable({ runId }: { runId: string }) {
  const [severity, setSeverity] = useState("");
  const [search, setSearch] = useState("");
  const text = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const filter: LogFilter = { severity, text, traceId: null, spanId: null };
  const logs = useInfiniteQuery({
    queryKey: runKeys.logs(runId, filter),
    queryFn: ({ pageParam, signal }) => runApi.logs(runId, filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The lines shown stay while a new filter loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
  const lines = useMemo(() => logs.data?.pages.flatMap((page) => page.logs) ?? [], [logs.data]);
  const filtered = severity !== "" || text !== "";

  return (
    <div data-testid="logs-panel">
      <div className="mb-2 flex flex-wrap items-end gap-3 text-xs">
        <LevelSelect value={severity} onChange={setSeverity} />
        <label className="flex flex-col gap-1 font-medium text-slate-600">
          Text
          <input data-testid="logs-filter-text" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="search the message…" className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" />
        </label>
        <span className="ml-auto text-slate-500" data-testid="logs-count" aria-live="polite">
          {logs.isFetching && !logs.isFetchingNextPage ? "Loading…" : `${lines.length.toLocaleString("en-US")}${logs.hasNextPage ? "+" : ""} ${lines.length === 1 && !logs.hasNextPage ? "line" : "lines"}`}
        </span>
      </div>
      {logs.isError ? (
        <p role="alert" className="py-6 text-sm text-red-700">
          The log lines could not be loaded: {logs.error.message}
        </p>
      ) : logs.isPending ? (
        <p role="status" className="py-6 text-center text-sm text-slate-500">
          Loading the log lines…
        </p>
      ) : lines.length === 0 ? (
        <p data-testid="logs-empty" className="py-6 text-center text-sm text-slate-500">
          {filtered
            ? "No log lines match these filters."
            : "No log records for this run. OpenTelemetry log records sent to /v1/logs (or the gRPC LogsService) show here when they carry this run's codon.workload.run_id or were logged inside one of its spans."}
        </p>
      ) : (
        <LogLines key={`${severity}\u0000${text}`} lines={lines} label="Log lines, oldest first" />
      )}
      {logs.hasNextPage ? (
        <button type="button" data-testid="logs-more" onClick={() => void logs.fetchNextPage()} disabled={logs.isFetchingNextPage} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {logs.isFetchingNextPage ? "Loading…" : "Load more lines"}
        </button>
      ) : null}
    </div>
  );
}
