"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatMs } from "@/components/ui/format";
import type { SpanDetail } from "@/lib/runs/types";
import { AttributesTable } from "@/components/runs/node-inspector/payload";
import { runApi, runKeys } from "@/components/runs/api";
import { SpanLogs } from "@/components/runs/logs-table/log-excerpt";

/** The run's raw spans with every attribute, a page at a time. */
export function SpansTable({ runId }: { runId: string }) {
  const spans = useInfiniteQuery({
    queryKey: runKeys.spans(runId),
    queryFn: ({ pageParam, signal }) => runApi.spans(runId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (spans.isPending) return <p role="status" className="py-6 text-center text-sm text-slate-500">Loading spans…</p>;
  if (spans.isError) return <p role="alert" className="py-6 text-sm text-red-700">Could not load spans: {spans.error.message}</p>;
  const rows = spans.data.pages.flatMap((page) => page.spans);
  if (rows.length === 0) return <p className="py-6 text-center text-sm text-slate-500">No spans recorded for this run yet.</p>;
  return (
    <div data-testid="spans-table">
      <ul className="flex flex-col gap-1">
        {rows.map((span) => (
          <SpanItem key={`${span.traceId}:${span.spanId}`} runId={runId} span={span} />
        ))}
      </ul>
      {spans.hasNextPage ? (
        <button type="button" onClick={() => void spans.fetchNextPage()} disabled={spans.isFetchingNextPage} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {spans.isFetchingNextPage ? "Loading…" : "Load more spans"}
        </button>
      ) : null}
    </div>
  );
}

function SpanItem({ runId, span }: { runId: string; span: SpanDetail }) {
  // The span's log lines are asked for only once it is opened.
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="span-item" className="rounded-md border border-slate-200 bg-white">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 px-3 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
          <span className={`h-2 w-2 rounded-full ${span.status === "error" ? "bg-red-500" : "bg-emerald-500"}`} aria-label={span.status === "error" ? "error" : "ok"} />
          <span className="font-medium">{span.name}</span>
          {span.nodeName && span.nodeName !== span.name ? <span className="text-xs text-slate-500">node {span.nodeName}</span> : null}
          <span className="tabular-nums text-slate-600">{formatMs(span.durationMs)}</span>
          <span className="ml-auto font-mono text-xs text-slate-400">
            {span.traceId.slice(0, 8)}…/{span.spanId}
          </span>
        </summary>
        <div className="border-t border-slate-100 px-3 py-2">
          {span.statusMessage ? <p className="mb-2 text-sm text-red-700">{span.statusMessage}</p> : null}
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Attributes</h4>
          <AttributesTable attributes={span.attributes} />
          <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Resource</h4>
          <AttributesTable attributes={span.resourceAttributes} />
          {span.events.length ? (
            <>
              <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Events</h4>
              <pre className="max-h-48 overflow-auto whitespace-pre-wrap font-mono text-xs">{JSON.stringify(span.events, null, 2)}</pre>
            </>
          ) : null}
          {open ? <SpanLogs runId={runId} traceId={span.traceId} spanId={span.spanId} /> : null}
        </div>
      </details>
    </li>
  );
}
