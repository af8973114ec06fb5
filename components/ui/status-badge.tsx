import type { NodeStatus, RunStatus } from "@/lib/runs/types";

const STYLES: Record<RunStatus | NodeStatus, string> = {
  running: "bg-sky-100 text-sky-800 ring-sky-300",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
  not_run: "bg-slate-100 text-slate-500 ring-slate-200",
};

const LABELS: Record<RunStatus | NodeStatus, string> = { running: "running", completed: "completed", failed: "failed", not_run: "did not run" };

export function StatusBadge({ status }: { status: RunStatus | NodeStatus }) {
  return (
    <span data-testid="status-badge" data-status={status} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      {status === "running" ? <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-500" /> : null}
      {LABELS[status]}
    </span>
  );
}
