import type { EdgeKind, NodeStatus } from "@/lib/runs/types";
import { EDGE_LOOK, HIGHLIGHT_LOOK, NOT_TAKEN_LOOK, STATUS_LOOK, type EdgeLook } from "@/components/runs/run-dag/looks";

const EDGES: Array<{ kind: EdgeKind | "not-taken" | "lineage"; label: string; hint: string; look: EdgeLook }> = [
  { kind: "ledger", label: "ledger", hint: "hand-off recorded in the audit ledger; ×n = times taken", look: EDGE_LOOK.ledger },
  { kind: "definition", label: "definition", hint: "edge of the workflow's static graph", look: EDGE_LOOK.definition },
  { kind: "not-taken", label: "not taken", hint: "definition edge this run did not take", look: NOT_TAKEN_LOOK },
  { kind: "parent", label: "parent span", hint: "from trace nesting", look: EDGE_LOOK.parent },
  { kind: "inferred", label: "inferred", hint: "guessed from timing", look: EDGE_LOOK.inferred },
  { kind: "lineage", label: "lineage", hint: "path of the highlighted lineage", look: HIGHLIGHT_LOOK },
];

const STATUSES: NodeStatus[] = ["completed", "running", "failed", "not_run"];

/** What the run graph's edge styles and node colours mean. */
export function DagLegend({ className = "" }: { className?: string }) {
  return (
    <div data-testid="dag-legend" className={`flex flex-wrap items-center gap-x-6 gap-y-2 text-xs text-slate-600 ${className}`}>
      <ul aria-label="Edge kinds" className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {EDGES.map((e) => (
          <li key={e.kind} data-edge-kind={e.kind} title={e.hint} className="flex items-center gap-1.5">
            <svg aria-hidden width="32" height="10" viewBox="0 0 32 10" className="shrink-0">
              <line x1="2" y1="5" x2="30" y2="5" style={e.look} />
            </svg>
            {e.label}
          </li>
        ))}
      </ul>
      <ul aria-label="Node status" className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {STATUSES.map((s) => (
          <li key={s} data-status={s} className="flex items-center gap-1.5">
            <span aria-hidden className={`flex h-3.5 w-5 items-center justify-center rounded-sm border ${STATUS_LOOK[s].card}`}>
              <span className={`h-1.5 w-1.5 rounded-full ${STATUS_LOOK[s].dot}`} />
            </span>
            {STATUS_LOOK[s].label}
          </li>
        ))}
      </ul>
    </div>
  );
}
