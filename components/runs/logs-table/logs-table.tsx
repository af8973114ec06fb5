"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { severityLevel, SEVERITY_LEVELS } from "@/lib/logs/severity";
import type { LogLine } from "@/lib/logs/types";
import { runApi, runKeys, type LogFilter } from "@/components/runs/api";
import { AttributesTable } from "@/components/runs/node-inspector/payload";

const ROW_HEIGHT = 26;
const OVERSCAN = 12;
/** Typing pauses this long before the search goes to the server. */
const SEARCH_DELAY_MS = 300;

const LEVEL_STYLE: Record<string, string> = {
  trace: "bg-slate-100 text-slate-500",
  debug: "bg-slate-100 text-slate-600",
  info: "bg-sky-50 text-sky-800",
  warn: "bg-amber-50 text-amber-800",
  error: "bg-red-50 text-red-700",
  fatal: "bg-red-600 text-white",
};

const bodyText = (body: LogLine["body"]) => (body === null ? "" : typeof body === "string" ? body : JSON.stringify(body));

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

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
        <label className="flex flex-col gap-1 font-medium text-slate-600">
          Level
          <select data-testid="logs-filter-severity" value={severity} onChange={(e) => setSeverity(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">Every level</option>
            {SEVERITY_LEVELS.slice(1).map((level) => (
              <option key={level} value={level}>
                {level} and above
              </option>
            ))}
          </select>
        </label>
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
        <LogLines key={`${severity}\u0000${text}`} lines={lines} />
      )}
      {logs.hasNextPage ? (
        <button type="button" data-testid="logs-more" onClick={() => void logs.fetchNextPage()} disabled={logs.isFetchingNextPage} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {logs.isFetchingNextPage ? "Loading…" : "Load more lines"}
        </button>
      ) : null}
    </div>
  );
}

function LogLines({ lines }: { lines: LogLine[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const open = lines.find((line) => line.id === openId) ?? null;
  const activeIndex = Math.min(active, lines.length - 1);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(lines.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in steps) moveTo(activeIndex + steps[event.key]!);
    else if (event.key === "Home") moveTo(0);
    else if (event.key === "End") moveTo(lines.length - 1);
    else if (event.key === "Enter" || event.key === " ") {
      const line = lines[activeIndex];
      if (line) setOpenId(line.id === openId ? null : line.id);
    } else if (event.key === "Escape") setOpenId(null);
    else return;
    event.preventDefault();
  };

  return (
    <>
      <div
        ref={scrollRef}
        role="listbox"
        tabIndex={0}
        aria-label="Log lines, oldest first"
        aria-activedescendant={lines[activeIndex] ? `log-line-${lines[activeIndex].id}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="logs-list"
        className="relative max-h-[480px] overflow-auto rounded-lg border border-slate-200 bg-white font-mono text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        <div style={{ height: virtualizer.getTotalSize() }} className="relative">
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            const level = severityLevel(line.severityNumber);
            return (
              <div
                key={line.id}
                id={`log-line-${line.id}`}
                role="option"
                aria-selected={line.id === openId}
                data-testid="log-line"
                data-severity={level ?? "none"}
                onClick={() => {
                  setActive(item.index);
                  setOpenId(line.id === openId ? null : line.id);
                }}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                className={`absolute left-0 top-0 flex w-full cursor-pointer items-center gap-2 border-b border-slate-50 px-2 ${item.index === activeIndex ? "bg-sky-50" : "hover:bg-slate-50"} ${line.id === openId ? "font-semibold" : ""}`}
              >
                <span className="shrink-0 text-slate-400" title={line.timestamp}>
                  {line.timestamp.slice(11, 23)}
                </span>
                <span className={`w-12 shrink-0 rounded px-1 text-center text-[10px] uppercase ${LEVEL_STYLE[level ?? "trace"]}`}>{line.severityText ?? level ?? "—"}</span>
                <span className="truncate text-slate-800">{bodyText(line.body) || <span className="text-slate-400">{line.eventName ?? "(no message)"}</span>}</span>
                {line.serviceName ? <span className="ml-auto shrink-0 pl-2 text-[10px] text-slate-400">{line.serviceName}</span> : null}
              </div>
            );
          })}
        </div>
      </div>
      {open ? <LogDetail line={open} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}

function LogDetail({ line, onClose }: { line: LogLine; onClose: () => void }) {
  return (
    <section data-testid="log-detail" aria-label="Log line" className="mt-2 rounded-lg border border-slate-200 bg-white p-3 text-xs">
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-slate-600">
        <span className="font-mono">{line.timestamp}</span>
        <span>{line.severityText ?? "no level"}</span>
        {line.serviceName ? <span>service {line.serviceName}</span> : null}
        {line.scopeName ? <span>logger {line.scopeName}</span> : null}
        {line.traceId ? (
          <span className="font-mono text-slate-400">
            {line.traceId.slice(0, 8)}…/{line.spanId ?? "no span"}
          </span>
        ) : null}
        <button type="button" onClick={onClose} className="ml-auto rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100">
          Close
        </button>
      </div>
      <pre className="mb-2 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono">{typeof line.body === "string" ? line.body : JSON.stringify(line.body, null, 2)}</pre>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Attributes</h4>
      <AttributesTable attributes={line.attributes} />
      <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Resource</h4>
      <AttributesTable attributes={line.resourceAttributes} />
    </section>
  );
}
