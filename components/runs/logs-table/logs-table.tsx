"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { LevelSelect } from "@/components/logs/level-select";
import { SEARCH_DELAY_MS, useDebounced } from "@/components/logs/log-lines";
import { LogCount, LogListBody, TextFilter } from "@/components/logs/log-list";
import { runApi, runKeys, type LogFilter } from "@/components/runs/api";

/**
 * The run's log records in time order: filtered by level and text on the server, a page of a
 * thousand at a time, drawn virtualized so a 100k-line run scrolls as fast as a short one.
 * Arrow keys move through the lines; Enter opens one's attributes below the list.
 */
export function LogsTable({ runId, maySearchText = true }: { runId: string; maySearchText?: boolean }) {
  const [severity, setSeverity] = useState("");
  const [search, setSearch] = useState("");
  const typed = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const text = maySearchText ? typed : "";
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
        <TextFilter value={search} onChange={setSearch} allowed={maySearchText} />
        <LogCount logs={logs} count={lines.length} />
      </div>
      <LogListBody
        logs={logs}
        lines={lines}
        listKey={`${severity}\u0000${text}`}
        label="Log lines, oldest first"
        moreLabel="Load more lines"
        empty={
          filtered
            ? "No log lines match these filters."
            : "No log records for this run. OpenTelemetry log records sent to /v1/logs (or the gRPC LogsService) show here when they carry this run's codon.workload.run_id or were logged inside one of its spans."
        }
      />
    </div>
  );
}
