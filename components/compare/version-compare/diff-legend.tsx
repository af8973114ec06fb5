import type { Change } from "@/lib/workloads/types";
import { CHANGE_LOOK, EDGE_CHANGE_LOOK, type EdgeChange } from "@/components/compare/version-compare/looks";

const NODE_CHANGES: Array<{ change: Change; hint: string }> = [
  { change: "added", hint: "only in b (candidate)" },
  { change: "removed", hint: "only in a (baseline)" },
  { change: "changed", hint: "in both, with a different node spec" },
  { change: "unchanged", hint: "in both, same node spec" },
];
const EDGE_CHANGES: EdgeChange[] = ["added", "removed", "unchanged"];

/** What the merged graph's colours mean. */
export function DiffLegend({ className = "" }: { className?: string }) {
  return (
    <div data-testid="diff-legend" className={`flex flex-wrap items-center gap-x-6 gap-y-2 text-xs text-slate-600 ${className}`}>
      <ul aria-label="Nodes" className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {NODE_CHANGES.map(({ change, hint }) => (
          <li key={change} data-change={change} title={hint} className="flex items-center gap-1.5">
            <span aria-hidden className={`relative h-3.5 w-5 overflow-hidden rounded-sm border ${CHANGE_LOOK[change].card}`}>
              <span className={`absolute inset-y-0 left-0 w-1 ${CHANGE_LOOK[change].strip}`} />
            </span>
            {CHANGE_LOOK[change].label} node
          </li>
        ))}
      </ul>
      <ul aria-label="Edges" className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {EDGE_CHANGES.map((change) => (
          <li key={change} data-edge-change={change} className="flex items-center gap-1.5">
            <svg aria-hidden width="32" height="10" viewBox="0 0 32 10" className="shrink-0">
              <line x1="2" y1="5" x2="30" y2="5" style={EDGE_CHANGE_LOOK[change]} />
            </svg>
            {change} edge
          </li>
        ))}
      </ul>
    </div>
  );
}
