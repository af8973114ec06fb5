import type { RepriceJob } from "@/lib/costs/types";
import { countOf, jobTimes } from "@/components/prices/format";
import { RepriceProgress } from "@/components/prices/reprice-progress";
import { RepriceStatusBadge } from "@/components/prices/reprice-status-badge";

/** Recomputations of stored costs: running and queued first, then the last few finished. */
export function RepriceJobs({ jobs }: { jobs: readonly RepriceJob[] }) {
  if (jobs.length === 0) {
    return (
      <p data-testid="reprice-jobs-empty" className="text-sm text-slate-500">
        Nothing recomputed yet. Saving or deleting a price recomputes the stored costs of its model here.
      </p>
    );
  }
  return (
    <ul data-testid="reprice-jobs" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {jobs.map((job) => (
        <RepriceJobItem key={job.id} job={job} />
      ))}
    </ul>
  );
}

function RepriceJobItem({ job }: { job: RepriceJob }) {
  return (
    <li data-testid="reprice-job" data-job-id={job.id} data-status={job.status} className="flex flex-col gap-2 px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-sm font-medium text-slate-800">{job.reason}</span>
        <RepriceStatusBadge status={job.status} />
        {job.status === "completed" ? (
          <span data-testid="reprice-changed" className="text-sm text-slate-700 tabular-nums">
            {countOf(job.changedSpans, "cost changed", "costs changed")}
          </span>
        ) : null}
      </div>
      <RepriceProgress job={job} />
      {job.status === "failed" ? (
        <p data-testid="reprice-error" className="text-sm text-red-800">
          {job.error ?? "Stopped without an error message."}
          {job.doneSpans > 0 ? <span className="tabular-nums"> ({countOf(job.changedSpans, "cost", "costs")} changed before it stopped.)</span> : null}
        </p>
      ) : null}
      <p className="text-xs text-slate-500 tabular-nums">{jobTimes(job)}</p>
    </li>
  );
}
