"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, type CSSProperties, type KeyboardEvent } from "react";
import type { DagNode } from "@/lib/runs/types";
import { hasChildUsage } from "@/lib/runs/usage-totals";
import { useDagNodeState, useDagViewStore } from "@/components/runs/run-dag/dag-store";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { formatDurationMs, formatTokenPair } from "@/components/runs/run-dag/format";
import { formatCost, formatTokens } from "@/components/ui/format";
import type { DagFlowNode } from "@/components/runs/run-dag/to-flow";
import { describeAttempts } from "@/components/runs/attempts";
import { sameCardContent } from "@/components/ui/flow-node-reuse";

// Edges attach here; the handles are for React Flow's geometry only, never for connecting.
const HIDDEN_HANDLE: CSSProperties = { opacity: 0, pointerEvents: "none", width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

/** Text too small to read is not laid out at all: that is most of the cost of a zoomed-out 2,000-node run. */
const FAR_HIDDEN = "group-data-[detail=low]/dag:hidden";

export const DagNodeView = memo(function DagNodeView({ id, data, sourcePosition, targetPosition }: NodeProps<DagFlowNode>) {
  const store = useDagViewStore();
  const { selected, highlighted, active } = useDagNodeState(id);
  const n = data.node;
  const look = STATUS_LOOK[n.status];
  const ran = n.status !== "not_run";
  // The card shows what the node and everything beneath it used; the inspector splits off "self".
  const tokens = formatTokenPair(n.total.inputTokens, n.total.outputTokens);
  const cost = formatCost(n.total.costUsd, { zero: null });
  const includesChildren = hasChildUsage(n);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" && event.key !== " " && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    store.onSelect(event.key === "Escape" ? null : id);
  };

  return (
    <div
      data-testid="dag-node"
      data-node-id={id}
      data-status={n.status}
      data-highlighted={String(highlighted)}
      data-selected={String(selected)}
      data-replay-active={active ? "true" : undefined}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={describeNode(n)}
      title={n.errorMessage ? (n.attempts && n.status !== "failed" ? `Recovered from: ${n.errorMessage}` : n.errorMessage) : undefined}
      onKeyDown={onKeyDown}
      className={[
        "relative flex h-full w-full cursor-pointer flex-col justify-between overflow-hidden rounded-lg border py-2 pr-3 pl-4",
        "text-left shadow-sm transition-[box-shadow,opacity] hover:shadow-md",
        "focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-sky-500",
        look.card,
        look.far,
        // The selected node is usually inside its own lineage: its ring wins; then the replay's active node.
        selected ? "ring-[3px] ring-sky-600 ring-offset-2" : active ? "ring-[3px] ring-violet-500 ring-offset-2" : highlighted ? "ring-2 ring-amber-400 ring-offset-1" : "",
        highlighted ? "" : "group-data-[highlight-active=true]/dag:opacity-25",
      ].join(" ")}
    >
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} style={HIDDEN_HANDLE} />
      <span aria-hidden className={`absolute inset-y-0 left-0 w-1 ${look.strip}`} />
      <div className={`flex items-center gap-1.5 ${FAR_HIDDEN}`}>
        <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${look.dot}`} />
        <span className="truncate text-sm font-semibold text-slate-900">{n.name}</span>
        {n.attempts ? (
          <span data-testid="dag-node-attempts" title={describeAttempts(n.attempts)} className="ml-auto shrink-0 rounded bg-amber-100 px-1.5 text-[11px] font-semibold text-amber-900 tabular-nums">
            {describeAttempts(n.attempts)}
          </span>
        ) : n.activations > 1 ? (
          <span className="ml-auto shrink-0 rounded bg-slate-100 px-1.5 text-[11px] font-semibold text-slate-700 tabular-nums">
            ×{n.activations}
          </span>
        ) : null}
      </div>
      <div className={`truncate text-[11px] text-slate-500 ${FAR_HIDDEN}`}>{n.role ?? "\u00a0"}</div>
      <div className={`flex gap-2 truncate text-[11px] text-slate-600 tabular-nums ${FAR_HIDDEN}`}>
        {ran ? (
          <>
            <span className={n.status === "failed" ? "font-medium text-red-700" : ""}>{formatDurationMs(n.durationMs)}</span>
            {tokens ? <span>{tokens}</span> : null}
            {cost ? (
              <span data-testid="dag-node-cost" title={includesChildren ? `incl. children; self ${formatCost(n.costUsd, { zero: "$0" })}` : undefined}>
                {includesChildren ? "Σ " : ""}
                {cost}
              </span>
            ) : null}
          </>
        ) : (
          <span className="italic">{look.label}</span>
        )}
      </div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} style={HIDDEN_HANDLE} />
    </div>
  );
}, sameCardContent);

/** What a screen reader announces for a node. */
export function describeNode(n: DagNode): string {
  const parts = [`${n.name}${n.role ? ` (${n.role})` : ""}`, STATUS_LOOK[n.status].label];
  if (n.status !== "not_run") parts.push(formatDurationMs(n.durationMs));
  const t = n.total;
  if (t.inputTokens || t.outputTokens) {
    parts.push(`${formatTokens(t.inputTokens, { compact: true })} tokens in, ${formatTokens(t.outputTokens, { compact: true })} out`);
  }
  const cost = formatCost(t.costUsd, { zero: null });
  if (cost) parts.push(hasChildUsage(n) ? `${cost} including children (self ${formatCost(n.costUsd, { zero: "$0" })})` : cost);
  if (n.attempts) parts.push(describeAttempts(n.attempts));
  else if (n.activations > 1) parts.push(`ran ${n.activations} times`);
  if (n.errorMessage) parts.push(`${n.attempts && n.status !== "failed" ? "retried after" : "error"}: ${n.errorMessage}`);
  return parts.join(", ");
}
