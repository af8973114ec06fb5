"use client";
import type { GroupBy } from "@/lib/runs/dag-groups";

const LABELS: Record<GroupBy, string> = { role: "Role", service: "Service", prefix: "Name prefix" };
const OPTIONS = Object.keys(LABELS) as GroupBy[];

/** "Group by": a native select, so the keyboard works as everywhere else (the choice goes to the URL). */
export function DagGroupSelect({ groupBy, onGroupBy }: { groupBy: GroupBy | null; onGroupBy: (next: GroupBy | null) => void }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-slate-600">
      Group by
      <select
        data-testid="dag-group-by"
        value={groupBy ?? ""}
        onChange={(event) => onGroupBy(OPTIONS.find((o) => o === event.target.value) ?? null)}
        title="Fold nodes that share a role, a service (OTel service.name) or a name prefix (the part before . / : _ or -) into one box with their totals"
        className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm text-slate-800 outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        <option value="">None</option>
        {OPTIONS.map((o) => (
          <option key={o} value={o}>
            {LABELS[o]}
          </option>
        ))}
      </select>
    </label>
  );
}
