"use client";

import type { LogLine } from "@/lib/logs/types";
import { LogLines } from "@/components/logs/log-lines";

/** What a log list needs of its infinite query (TanStack Query's result has all of it). */
export interface PagedLogs {
  isError: boolean;
  error: Error | null;
  isPending: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "1,000+ lines" while more pages wait; "Loading…" while a new filter loads. */
export function LogCount({ logs, count }: { logs: PagedLogs; count: number }) {
  return (
    <span className="ml-auto text-slate-500" data-testid="logs-count" aria-live="polite">
      {logs.isFetching && !logs.isFetchingNextPage ? "Loading…" : `${count.toLocaleString("en-US")}${logs.hasNextPage ? "+" : ""} ${count === 1 && !logs.hasNextPage ? "line" : "lines"}`}
    </span>
  );
}

/** The message search; `allowed` false (a viewer kept from log bodies) says why it is off: the server refuses it. */
export function TextFilter({ value, onChange, allowed = true }: { value: string; onChange: (text: string) => void; allowed?: boolean }) {
  if (!allowed)
    return (
      <span className="flex flex-col gap-1 font-medium text-slate-600">
        Text
        <span data-testid="logs-filter-text-off" className="py-1 text-sm font-normal italic text-slate-500">
          Viewers can&apos;t search messages here
        </span>
      </span>
    );
  return (
    <label className="flex flex-col gap-1 font-medium text-slate-600">
      Text
      <input data-testid="logs-filter-text" type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder="search the message…" className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" />
    </label>
  );
}

interface BodyProps {
  logs: PagedLogs;
  lines: LogLine[];
  /** What an empty list says. */
  empty: string;
  /** Changes with the filters, so the list's cursor and open line start over. */
  listKey: string;
  label: string;
  moreLabel: string;
}

/** The list with its error, loading and empty states, and the button that loads the next page. */
export function LogListBody({ logs, lines, empty, listKey, label, moreLabel }: BodyProps) {
  return (
    <>
      {logs.isError ? (
        <p role="alert" className="py-6 text-sm text-red-700">
          The log lines could not be loaded: {logs.error?.message}
        </p>
      ) : logs.isPending ? (
        <p role="status" className="py-6 text-center text-sm text-slate-500">
          Loading the log lines…
        </p>
      ) : lines.length === 0 ? (
        <p data-testid="logs-empty" className="py-6 text-center text-sm text-slate-500">
          {empty}
        </p>
      ) : (
        <LogLines key={listKey} lines={lines} label={label} />
      )}
      {logs.hasNextPage ? (
        <button type="button" data-testid="logs-more" onClick={() => void logs.fetchNextPage()} disabled={logs.isFetchingNextPage} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {logs.isFetchingNextPage ? "Loading…" : moreLabel}
        </button>
      ) : null}
    </>
  );
}
