"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, type CSSProperties, type KeyboardEvent } from "react";
import { useDagNodeState, useDagViewStore } from "@/components/runs/run-dag/dag-store";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { formatDurationMs, formatTokenPair } from "@/components/runs/run-dag/format";
import { formatCost } from "@/components/ui/format";
import { SEGMENT_PAGE } from "@/lib/runs/as-it-ran/visible";
import type { ActivationFlowNode, SegmentFlowNode } from "@/components/runs/as-it-ran/to-flow";
import { sameCardContent } from "@/components/ui/flow-node-reuse";

// Edges attach here; the handles are for React Flow's geometry only.
const HIDDEN_HANDLE: CSSProperties = { opacity: 0, pointerEvents: "none", width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };
const FAR_HIDDEN = "group-data-[detail=low]/dag:hidden";

/** Enter or Space acts on the node (select, or expand a segment), Escape clears the selection. */
function useNodeKeys(id: string) {
  const store = useDagViewStore();
  return (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" && event.key !== " " && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    store.onSelect(event.key === "Escape" ? null : id);
  };
}

// A card that only moved (a window sliding) is not rendered again: sameCardContent.
export const ActivationNodeView = memo(function ActivationNodeView({ id, data }: NodeProps<ActivationFlowNode>) {
  const { selected } = useDagNodeState(id);
  const onKeyDown = useNodeKeys(id);
  const a = data.item.activation;
  const look = STATUS_LOOK[a.status];
  const tokens = formatTokenPair(a.inputTokens, a.outputTokens);
  const cost = formatCost(a.costUsd, { zero: null });
  return (
    <div
      data-testid="as-ran-node"
      data-node-name={a.nodeName}
      data-seq={a.seq}
      data-span-id={a.spanId ?? undefined}
      data-status={a.status}
      data-selected={String(selected)}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${a.nodeName} activation ${a.seq}, ${look.label}, ${formatDurationMs(a.durationMs)}`}
      onKeyDown={onKeyDown}
      className={[
        "relative flex h-full w-full cursor-pointer flex-col justify-between overflow-hidden rounded-lg border py-1.5 pr-3 pl-4 text-left shadow-sm hover:shadow-md",
        "focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-sky-500",
        look.card,
        look.far,
        selected ? "ring-[3px] ring-sky-600 ring-offset-2" : "",
      ].join(" ")}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={HIDDEN_HANDLE} />
      <span aria-hidden className={`absolute inset-y-0 left-0 w-1 ${look.strip}`} />
      <div className={`flex items-center gap-1.5 ${FAR_HIDDEN}`}>
        <span className="truncate text-sm font-semibold text-slate-900">{a.nodeName}</span>
        <span className="ml-auto shrink-0 rounded bg-slate-100 px-1.5 text-[11px] font-semibold text-slate-700 tabular-nums">#{a.seq}</span>
      </div>
      <div className={`flex gap-2 truncate text-[11px] text-slate-600 tabular-nums ${FAR_HIDDEN}`}>
        <span className={a.status === "failed" ? "font-medium text-red-700" : ""}>{formatDurationMs(a.durationMs)}</span>
        {tokens ? <span>{tokens}</span> : null}
        {cost ? <span>{cost}</span> : null}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} style={HIDDEN_HANDLE} />
    </div>
  );
}, sameCardContent);

export const SegmentNodeView = memo(function SegmentNodeView({ id, data }: NodeProps<SegmentFlowNode>) {
  const onKeyDown = useNodeKeys(id);
  const { steps, side, firstName, lastName } = data.item;
  const text = `${firstName} → … → ${lastName}`;
  const more = Math.min(steps, SEGMENT_PAGE);
  return (
    <div
      data-testid="as-ran-segment"
      data-segment-id={id}
      data-steps={steps}
      data-side={side}
      role="button"
      tabIndex={0}
      aria-expanded={false}
      aria-label={`${text}, ${steps} steps, folded; Enter shows ${more} more`}
      title={`${text}, ${steps.toLocaleString("en-US")} steps: show ${more === steps ? "them" : `the ${side === "before" ? "last" : "next"} ${more}`}`}
      onKeyDown={onKeyDown}
      className="relative flex h-full w-full cursor-pointer flex-col justify-between overflow-hidden rounded-lg border border-dashed border-slate-400 bg-slate-50 px-3 py-1 leading-tight text-left shadow-sm hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-sky-500"
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={HIDDEN_HANDLE} />
      {/* Three short lines: one line of "a → … → b" does not fit a card. */}
      <span className={`truncate text-xs font-semibold text-slate-900 ${FAR_HIDDEN}`}>{firstName} → …</span>
      <span className={`truncate text-xs font-semibold text-slate-900 ${FAR_HIDDEN}`}>→ {lastName}</span>
      <span className={`text-[11px] text-slate-600 tabular-nums ${FAR_HIDDEN}`}>
        {steps.toLocaleString("en-US")} steps · show {more === steps ? "all" : more}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} style={HIDDEN_HANDLE} />
    </div>
  );
}, sameCardContent);
