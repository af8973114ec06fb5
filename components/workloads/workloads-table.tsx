import Link from "next/link";
import { DataTable, NUM_CELL, type Column } from "@/components/ui/data-table";
import { formatCount, shortId } from "@/components/ui/format";
import type { WorkloadStats } from "@/lib/workloads/types";
import { costOrDash, DASH, msOrDash, rateOrDash } from "@/components/workloads/figures";
import { RelativeTime } from "@/components/workloads/relative-time";
import { workloadHref } from "@/components/workloads/version-history/links";

const COLUMNS: Column[] = [
  { label: "Workload" },
  { label: "Versions", numeric: true },
  { label: "Latest version" },
  { label: "Runs", numeric: true },
  { label: "Last seen" },
  { label: "Error rate", numeric: true },
  { label: "p95 duration", numeric: true },
  { label: "Avg cost / run", numeric: true },
];

/** Every workload with its run figures over the chosen window; most recently seen first. */
export function WorkloadsTable({ workloads, windowLabel, nowMs }: { workloads: WorkloadStats[]; windowLabel: string; nowMs: number }) {
  return (
    <DataTable columns={COLUMNS} caption={`Workloads, with run figures over ${windowLabel}`} testId="workloads-list">
      {workloads.map((w) => (
        <WorkloadRow key={w.name} workload={w} nowMs={nowMs} />
      ))}
    </DataTable>
  );
}

function WorkloadRow({ workload: w, nowMs }: { workload: WorkloadStats; nowMs: number }) {
  return (
    <tr data-testid="workload-row" data-workload={w.name} className="border-t border-slate-100 hover:bg-slate-50">
      <td className="px-3 py-2">
        <Link href={workloadHref(w.name)} className="font-medium text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400">
          {w.name}
        </Link>
      </td>
      <td className={NUM_CELL} data-testid="workload-versions">{formatCount(w.versionCount)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        <span className="font-medium">{w.latestVersion ?? <span className="text-slate-400">{DASH}</span>}</span>{" "}
        <code className="font-mono text-xs text-slate-500" title={w.latestLogicId}>
          {shortId(w.latestLogicId)}
        </code>
      </td>
      <td className={NUM_CELL} data-testid="workload-runs" title={w.runCount > w.finishedRunCount ? `${w.runCount - w.finishedRunCount} still running` : undefined}>
        {formatCount(w.runCount)}
      </td>
      <td className="px-3 py-2">
        <RelativeTime iso={w.lastSeen} nowMs={nowMs} />
      </td>
      <td className={`${NUM_CELL} ${w.errorRate ? "text-red-700" : ""}`} data-testid="workload-error-rate">{rateOrDash(w.errorRate)}</td>
      <td className={NUM_CELL}>{msOrDash(w.p95Ms)}</td>
      <td className={NUM_CELL}>{costOrDash(w.avgCostUsd)}</td>
    </tr>
  );
}
