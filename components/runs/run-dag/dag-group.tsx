"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeGroup } from "@/lib/runs/dag-groups";
import { FAR_HIDDEN, HIDDEN_HANDLE, useExpandOnKey, useFoldedHighlight } from "@/components/runs/run-dag/folded-box";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { formatDurationMs, formatTokenPair } from "@/components/runs/run-dag/format";
import { formatCost } from "@/components/ui/format";
import type { GroupFlowNode } from "@/components/runs/run-dag/to-flow";
import { sameCardContent } from "@/components/ui/flow-node-reuse";

const BY_LABEL: Record<NodeGroup["by"], string> = { role: "role", service: "service", prefix: "prefix" };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
export const groupSize = (g: NodeGroup) => `${count(g.nodeIds.length, "node", "nodes")}, ${count(g.activations, "activation", "activations")}`;

/** What a screen reader hears, and the card's figures in words. */
export function describeGroup(g: NodeGroup): string {
  const parts = [`Folded group ${BY_LABEL[g.by]} ${g.key}`, groupSize(g), STATUS_LOOK[g.status].label, `${formatDurationMs(g.durationMs)} summed`];
  const tokens = formatTokenPair(g.inputTokens, g.outputTokens);
  if (tokens) parts.push(tokens);
  const cost = formatCost(g.costUsd, { zero: null });
  if (cost) parts.push(cost);
  if (g.failed > 0) parts.push(`${g.failed} failed`);
  return `${parts.join(", ")}; press Enter to open`;
}

/** A folded group: its key, size and summed own figures; click or Enter draws its nodes. */
export const DagGroupView = memo(function DagGroupView({ id, data, sourcePosition, targetPosition }: NodeProps<GroupFlowNode>) {
  const g = data.group;
  const look = STATUS_LOOK[g.status];
  const tokens = formatTokenPair(g.inputTokens, g.outputTokens);
  const cost = formatCost(g.costUsd, { zero: null });
  const onKeyDown = useExpandOnKey(id);
  const lineage = useFoldedHighlight(id);
  return (
    <div
      data-testid="dag-group"
      data-group-id={id}
      data-key={g.key}
      data-size={g.nodeIds.length}
      data-activations={g.activations}
      data-status={g.status}
      data-highlighted={String(lineage.highlighted)}
      role="button"
      tabIndex={0}
      aria-expanded={false}
      aria-label={describeGroup(g)}
      title="Click or press Enter to draw these nodes"
      onKeyDown={onKeyDown}
      className={[
        "relative flex h-full w-full cursor-pointer flex-col justify-between rounded-xl border-2 py-2 pr-3 pl-4 text-left hover:bg-indigo-50",
        "focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-sky-500",
        "border-indigo-300 bg-white",
        lineage.className,
        look.far,
      ].join(" ")}
    >
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} style={HIDDEN_HANDLE} />
      <span aria-hidden className={`absolute inset-y-0 left-0 w-1 rounded-l-xl ${look.strip}`} />
      <div className={`flex items-center gap-1.5 ${FAR_HIDDEN}`}>
        <span className="truncate text-sm font-semibold text-slate-900">{g.key}</span>
        <span className="shrink-0 rounded bg-indigo-100 px-1.5 text-[11px] font-medium text-indigo-900">{BY_LABEL[g.by]}</span>
        <span className="ml-auto shrink-0 text-[11px] font-medium text-indigo-700">open</span>
      </div>
      <div className={`truncate text-[11px] text-slate-600 tabular-nums ${FAR_HIDDEN}`} data-testid="dag-group-size">
        {groupSize(g)}
      </div>
      <div className={`flex gap-2 truncate text-[11px] text-slate-500 tabular-nums ${FAR_HIDDEN}`} data-testid="dag-group-totals">
        <span>Σ {formatDurationMs(g.durationMs)}</span>
        {tokens ? <span>{tokens}</span> : null}
        {cost ? <span>{cost}</span> : null}
        {g.failed > 0 ? (
          <span data-testid="dag-group-failed" className="font-semibold text-red-700">
            {g.failed} failed
          </span>
        ) : null}
      </div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} style={HIDDEN_HANDLE} />
    </div>
  );
}, sameCardContent);
