"use client";

import Link from "next/link";
import { memo } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { RetriedBadge } from "@/components/ui/retried-badge";
import { RunScoresCell } from "@/components/runs/runs-list/run-scores-cell";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatAge, formatCost, formatMs, formatTokens, shortId } from "@/components/ui/format";
import type { RunView } from "@/lib/runs/types";

const COLUMNS: Column[] = [
  { label: "Workload" },
  { label: "Version" },
  { label: "Logic id" },
  { label: "Deployment" },
  { label: "Status" },
  { label: "Started" },
  { label: "Duration", numeric: true },
  { label: "Nodes", numeric: true },
  { label: "Tokens", numeric: true },
  { label: "Cost", numeric: true },
  { label: "Scores", title: "Each score name's mean, pass rate or most common label (filter with score:name < 3)" },
];

export function RunsTable({ runs }: { runs: RunView[] }) {
  return (
    <DataTable columns={COLUMNS} testId="runs-table">
      {runs.map((run) => (
        <RunRow key={run.runId} run={run} />
      ))}
    </DataTable>
  );
}

const RunRow = memo(function RunRow({ run }: { run: RunView }) {
  const href = `/runs/${encodeURIComponent(run.runId)}`;
  return (
    <tr data-testid="run-row" data-run-id={run.runId} data-status={run.status} className="border-t border-slate-100 hover:bg-slate-50">
      <td className="px-3 py-2">
        <Link href={href} className="font-medium text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400" title={`Run ${run.runId}`}>
          {run.workloadName ?? run.serviceName ?? "(no workload)"}
        </Link>
        <div className="font-mono text-xs text-slate-400">{shortId(run.runId, 18)}</div>
      </td>
      <td className="px-3 py-2">{run.workloadVersion ?? <span className="text-slate-400">—</span>}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {run.logicId ? (
          <>
            <code className="font-mono text-xs text-slate-700" title={run.logicId}>
              {shortId(run.logicId)}
            </code>
            <CopyButton value={run.logicId} label="logic id" />
          </>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
      <td className="px-3 py-2">{run.deploymentId ?? <span className="text-slate-400">—</span>}</td>
      <td className="px-3 py-2">
        <StatusBadge status={run.status} />
        {run.retried ? <RetriedBadge /> : null}
        {run.errorMessage ? (
          <div className={`max-w-56 truncate text-xs ${run.status === "failed" ? "text-red-700" : "text-slate-500"}`} title={run.errorMessage}>
            {run.errorMessage}
          </div>
        ) : null}
      </td>
      <td className="px-3 py-2 whitespace-nowrap" title={run.startTime} suppressHydrationWarning>
        {formatAge(run.startTime)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{formatMs(run.durationMs)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{run.nodeCount}</td>
      <td className="px-3 py-2 text-right tabular-nums" title={`${run.inputTokens} in · ${run.outputTokens} out`}>
        {formatTokens(run.totalTokens || run.inputTokens + run.outputTokens)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{formatCost(run.costUsd)}</td>
      <RunScoresCell scores={run.scores} />
    </tr>
  );
});
