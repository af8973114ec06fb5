import type { RepriceStatus } from "@/lib/costs/types";

const STYLES: Record<RepriceStatus, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-300",
  running: "bg-sky-100 text-sky-800 ring-sky-300",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

export function RepriceStatusBadge({ status }: { status: RepriceStatus }) {
  return (
    <span
      data-testid="reprice-status"
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
    >
      {status === "running" ? <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-500" /> : null}
      {status}
    </span>
  );
}
