import type { RepriceJob } from "@/lib/costs/types";
import { jobProgress } from "@/components/prices/format";

const BAR: Record<RepriceJob["status"], string> = {
  queued: "bg-slate-400",
  running: "bg-sky-500",
  completed: "bg-emerald-500",
  failed: "bg-red-500",
};

/** Stored costs recomputed of those to do; the numbers go to screen readers as the value text. */
export function RepriceProgress({ job }: { job: RepriceJob }) {
  const { percent, text } = jobProgress(job);
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        data-testid="reprice-progress"
        data-done={job.doneSpans}
        data-total={job.totalSpans}
        aria-label={`Recomputing: ${job.reason}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${text}`}
        className="h-2 w-48 max-w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none ${BAR[job.status]}`} style={{ width: `${percent}%` }} />
      </div>
      <span aria-hidden className="text-xs text-slate-600 tabular-nums whitespace-nowrap">
        {text}
      </span>
    </div>
  );
}
