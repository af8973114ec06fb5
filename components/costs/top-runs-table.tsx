import Link from "next/link";
import { DataTable, NUM_CELL, type Column } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { workloadHref } from "@/components/workloads/version-history/links";
import { DASH } from "@/components/workloads/figures";
import { RelativeTime } from "@/components/workloads/relative-time";
import type { CostlyRun } from "@/lib/costs/types";
import { formatCost, formatMs, formatTokens, shortId } from "@/components/ui/format";
import { runHref, versionHref } from "@/components/costs/links";

const COLUMNS: Column[] = [
  { label: "Run" },
  { label: "Workload" },
  { label: "Version" },
  { label: "Deployment" },
  { label: "Status" },
  { label: "Started" },
  { label: "Duration", numeric: true },
  { label: "Tokens in / out", numeric: true },
  { label: "Cost", numeric: true },
];
const link = "text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400";
const dash = <span className="text-slate-400">{DASH}</span>;

/** The most expensive runs in the window, most expensive first. */
export function TopRunsTable({ runs, windowLabel, nowMs }: { runs: CostlyRun[]; windowLabel: string; nowMs: number }) {
  return (
    <section aria-labelledby="top-runs-heading" data-testid="top-runs" className="mb-6">
      <h2 id="top-runs-heading" className="mb-2 text-sm font-semibold text-slate-800">
        Top runs by cost
      </h2>
      {runs.length === 0 ? (
        <p data-testid="top-runs-none" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500">
          No priced runs in {windowLabel}.
        </p>
      ) : (
        <DataTable columns={COLUMNS} caption={`The ${runs.length} most expensive runs that started in ${windowLabel}`}>
          {runs.map((run) => (
            <TopRunRow key={run.runId} run={run} nowMs={nowMs} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function TopRunRow({ run, nowMs }: { run: CostlyRun; nowMs: number }) {
  return (
    <tr data-testid="top-run-row" data-run-id={run.runId} className="border-t border-slate-100 hover:bg-slate-50">
      <td className="px-3 py-2 whitespace-nowrap">
        <Link href={runHref(run.runId)} className={`font-mono text-xs ${link}`} title={`Run ${run.runId}`}>
          {shortId(run.runId, 16)}
        </Link>
      </td>
      <td className="px-3 py-2">
        {run.workload ? (
          <Link href={workloadHref(run.workload)} className={`font-medium ${link}`}>
            {run.workload}
          </Link>
        ) : (
          dash
        )}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {run.logicId ? (
          <>
            {run.version ?? <span className="text-slate-400">?</span>}{" "}
            {run.workload ? (
              <Link href={versionHref(run.workload, run.logicId)} className={`font-mono text-xs ${link}`} title={run.logicId}>
                {shortId(run.logicId, 8)}
              </Link>
            ) : (
              <code className="font-mono text-xs text-slate-500" title={run.logicId}>
                {shortId(run.logicId, 8)}
              </code>
            )}
          </>
        ) : (
          (run.version ?? dash)
        )}
      </td>
      <td className="px-3 py-2">{run.deployment ?? dash}</td>
      <td className="px-3 py-2">
        <StatusBadge status={run.status} />
      </td>
      <td className="px-3 py-2">
        <RelativeTime iso={run.startTime} nowMs={nowMs} />
      </td>
      <td className={NUM_CELL}>{formatMs(run.durationMs)}</td>
      <td className={`${NUM_CELL} whitespace-nowrap`} title={`${run.inputTokens.toLocaleString("en-US")} in · ${run.outputTokens.toLocaleString("en-US")} out`}>
        {formatTokens(run.inputTokens)} / {formatTokens(run.outputTokens)}
      </td>
      <td className={`${NUM_CELL} font-medium`} data-testid="top-run-cost">
        {formatCost(run.costUsd)}
      </td>
    </tr>
  );
}
