import Link from "next/link";
import { formatCount, shortId } from "@/components/ui/format";
import type { WorkloadStats } from "@/lib/workloads/types";
import { costOrDash, DASH, msOrDash, rateOrDash } from "@/components/workloads/figures";
import { RelativeTime } from "@/components/workloads/relative-time";
import { workloadHref } from "@/components/workloads/version-history/links";

const th = "px-3 py-2 font-medium";
const num = "px-3 py-2 text-right tabular-nums";

/** Every workload with its run figures over the chosen window; most recently seen first. */
export function WorkloadsTable({ workloads, windowLabel, nowMs }: { workloads: WorkloadStats[]; windowLabel: string; nowMs: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid="workloads-list" className="w-full text-left text-sm">
        <caption className="sr-only">Workloads, with run figures over {windowLabel}</caption>
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className={th}>Workload</th>
            <th className={`${th} text-right`}>Versions</th>
            <th className={th}>Latest version</th>
            <th className={`${th} text-right`}>Runs</th>
            <th className={th}>Last seen</th>
            <th className={`${th} text-right`}>Error rate</th>
            <th className={`${th} text-right`}>p95 duration</th>
            <th className={`${th} text-right`}>Avg cost / run</th>
          </tr>
        </thead>
        <tbody>
          {workloads.map((w) => (
            <WorkloadRow key={w.name} workload={w} nowMs={nowMs} />
          ))}
        </tbody>
      </table>
    </div>
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
      <td className={num} data-testid="workload-versions">{formatCount(w.versionCount)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        <span className="font-medium">{w.latestVersion ?? <span className="text-slate-400">{DASH}</span>}</span>{" "}
        <code className="font-mono text-xs text-slate-500" title={w.latestLogicId}>
          {shortId(w.latestLogicId)}
        </code>
      </td>
      <td className={num} data-testid="workload-runs" title={w.runCount > w.finishedRunCount ? `${w.runCount - w.finishedRunCount} still running` : undefined}>
        {formatCount(w.runCount)}
      </td>
      <td className="px-3 py-2">
        <RelativeTime iso={w.lastSeen} nowMs={nowMs} />
      </td>
      <td className={`${num} ${w.errorRate ? "text-red-700" : ""}`} data-testid="workload-error-rate">{rateOrDash(w.errorRate)}</td>
      <td className={num}>{msOrDash(w.p95Ms)}</td>
      <td className={num}>{costOrDash(w.avgCostUsd)}</td>
    </tr>
  );
}
