"use client";

import { useQuery } from "@tanstack/react-query";
import { severityLevel } from "@/lib/logs/severity";
import { bodyText } from "@/components/logs/log-lines";
import { runApi, runKeys, type LogFilter } from "@/components/runs/api";
import { HiddenForViewers } from "@/components/ui/hidden-content";

/** Lines drawn in the inspector; the Logs tab has every one. */
const SHOWN = 100;

const LEVEL_TEXT: Record<string, string> = { warn: "text-amber-800", error: "text-red-700", fatal: "text-red-700 font-semibold" };

/** The log lines written inside one node's spans, for the node inspector; nothing when there are none. */
export function NodeLogs({ runId, nodeId }: { runId: string; nodeId: string }) {
  return <LogExcerpt runId={runId} filter={{ severity: "", text: "", traceId: null, spanId: null, node: nodeId }} testId="inspector-logs" />;
}

/** The log lines written inside one span, for the Spans tab; nothing when there are none. */
export function SpanLogs({ runId, traceId, spanId }: { runId: string; traceId: string; spanId: string }) {
  return <LogExcerpt runId={runId} filter={{ severity: "", text: "", traceId, spanId }} testId="span-logs" />;
}

/** Up to a hundred lines of one filter; `testId` names the section, and its lines `<testId without s>-line`. */
function LogExcerpt({ runId, filter, testId }: { runId: string; filter: LogFilter; testId: string }) {
  const logs = useQuery({ queryKey: runKeys.logs(runId, filter), queryFn: ({ signal }) => runApi.logs(runId, filter, null, signal) });
  if (logs.isError) return <p className="mt-3 text-xs text-red-700">The log lines could not be loaded: {logs.error.message}</p>;
  const lines = logs.data?.logs ?? [];
  if (lines.length === 0) return null;
  const more = lines.length > SHOWN || logs.data?.nextCursor;
  return (
    <section data-testid={testId} className="mt-4">
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Log lines ({more ? `${SHOWN} of ${lines.length.toLocaleString("en-US")}${logs.data?.nextCursor ? "+" : ""}` : lines.length})
      </h3>
      <ol className="max-h-60 overflow-auto rounded-md border border-slate-200 bg-white font-mono text-[11px]">
        {lines.slice(0, SHOWN).map((line) => {
          const level = severityLevel(line.severityNumber);
          return (
            <li key={line.id} data-testid={`${testId.replace(/s$/, "")}-line`} className={`flex gap-2 border-b border-slate-50 px-2 py-0.5 ${LEVEL_TEXT[level ?? ""] ?? "text-slate-700"}`}>
              <span className="shrink-0 text-slate-400" title={line.timestamp}>
                {line.timestamp.slice(11, 23)}
              </span>
              <span className="w-10 shrink-0 uppercase">{line.severityText ?? level ?? ""}</span>
              <span className="min-w-0 break-words">{line.contentHidden ? <HiddenForViewers inline /> : bodyText(line.body)}</span>
            </li>
          );
        })}
      </ol>
      {more ? <p className="mt-1 text-xs text-slate-500">The Logs tab below has every line of the run, with filters.</p> : null}
    </section>
  );
}
