import type { Change, SpecField } from "@/lib/workloads/types";
import { CHANGE_LOOK } from "@/components/compare/version-compare/looks";

/** `changed` / `added` / …; for a changed node the differing spec fields follow. */
export function ChangeBadge({ change, fields = [], compact = false }: { change: Change; fields?: SpecField[]; compact?: boolean }) {
  const look = CHANGE_LOOK[change];
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <span
        data-testid="change-badge"
        data-change={change}
        className={`inline-flex shrink-0 items-center rounded-full font-medium ring-1 ring-inset ${compact ? "px-1.5 text-[10px]" : "px-2 py-0.5 text-xs"} ${look.badge}`}
      >
        {look.label}
      </span>
      {change === "changed" && fields.length > 0 ? (
        <span data-testid="changed-fields" className={`truncate text-amber-900 ${compact ? "text-[11px]" : "text-xs"}`}>
          {fields.join(", ")}
        </span>
      ) : null}
    </span>
  );
}
