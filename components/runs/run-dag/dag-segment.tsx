"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ChainSegment } from "@/lib/runs/dag-chains";
import { FAR_HIDDEN, HIDDEN_HANDLE, useExpandOnKey, useFoldedHighlight } from "@/components/runs/run-dag/folded-box";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { formatDurationMs, formatTokenPair } from "@/components/runs/run-dag/format";
import { formatCost } from "@/components/ui/format";
import type { SegmentFlowNode } from "@/components/runs/run-dag/to-flow";
import { OPEN_STEP } from "@/components/runs/run-dag/use-folded-dag";
import { sameCardContent } from "@/components/ui/flow-node-reuse";


export const segmentTitle = (s: ChainSegment) => `${s.first} → … → ${s.last}`;
export const segmentSteps = (s: ChainSegment) => `${s.nodeIds.length.toLocaleString("en-US")} nodes, ${s.steps.toLocaleString("en-US")} steps`;

/** A folded chain: stacked-card look, what it spans and sums; click or Enter draws its nodes (OPEN_STEP at a time). */
export const DagSegmentView = memo(function DagSegmentView({ id, data, sourcePosition, targetPosition }: NodeProps<SegmentFlowNode>) {
  const s = data.segment;
  const look = STATUS_LOOK[s.status];
  const tokens = formatTokenPair(s.inputTokens, s.outputTokens);
  const cost = formatCost(s.costUsd, { zero: null });
  const action = s.nodeIds.length > OPEN_STEP ? `open ${OPEN_STEP}` : "expand";
  const onKeyDown = useExpandOnKey(id);
  const lineage = useFoldedHighlight(id);
  return (
    <div
      data-testid="dag-segment"
      data-segment-id={id}
      data-first={s.first}
      data-last={s.last}
      data-size={s.nodeIds.length}
      data-highlighted={String(lineage.highlighted)}
      role="button"
      tabIndex={0}
      aria-expanded={false}
      aria-label={`Folded chain ${s.first} to ${s.last}, ${segmentSteps(s)}, ${look.label}; press Enter to ${action}`}
      title={s.nodeIds.length > OPEN_STEP ? `Click or press Enter to draw the next ${OPEN_STEP} nodes` : "Click or press Enter to draw these nodes"}
      onKeyDown={onKeyDown}
      className={[
        "relative flex h-full w-full cursor-pointer flex-col justify-between rounded-lg border border-dashed py-2 pr-3 pl-4 text-left",
        "bg-slate-50 shadow-[4px_4px_0_-1px_#fff,4px_4px_0_0_#cbd5e1,8px_8px_0_-1px_#fff,8px_8px_0_0_#e2e8f0] hover:bg-slate-100",
        "focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-sky-500",
        "border-slate-400",
        lineage.className,
      ].join(" ")}
    >
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} style={HIDDEN_HANDLE} />
      <span aria-hidden className={`absolute inset-y-0 left-0 w-1 rounded-l-lg ${look.strip}`} />
      <div className={`truncate text-sm font-semibold text-slate-900 ${FAR_HIDDEN}`}>{segmentTitle(s)}</div>
      <div className={`truncate text-[11px] text-slate-600 tabular-nums ${FAR_HIDDEN}`} data-testid="dag-segment-steps">
        {segmentSteps(s)}
      </div>
      <div className={`flex gap-2 truncate text-[11px] text-slate-500 tabular-nums ${FAR_HIDDEN}`}>
        <span>Σ {formatDurationMs(s.durationMs)}</span>
        {tokens ? <span>{tokens}</span> : null}
        {cost ? <span>{cost}</span> : null}
        <span className="ml-auto font-medium text-sky-700">{action}</span>
      </div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} style={HIDDEN_HANDLE} />
    </div>
  );
}, sameCardContent);
