"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, type CSSProperties, type KeyboardEvent } from "react";
import { DeltaCell } from "@/components/compare/delta";
import { formatMs } from "@/components/ui/format";
import { ChangeBadge } from "@/components/compare/version-compare/change-badge";
import { describeDiffNode } from "@/components/compare/version-compare/format";
import { CHANGE_LOOK } from "@/components/compare/version-compare/looks";
import { useDiffSelect } from "@/components/compare/version-compare/select-context";
import type { DiffFlowNode } from "@/components/compare/version-compare/to-flow";

// Edges attach here; the handles are for React Flow's geometry only, never for connecting.
const HIDDEN_HANDLE: CSSProperties = { opacity: 0, pointerEvents: "none", width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

/** A node of the merged graph: name, role, change (and which spec fields), p50 a → b. */
export const DiffNodeView = memo(function DiffNodeView({ data, sourcePosition, targetPosition }: NodeProps<DiffFlowNode>) {
  const select = useDiffSelect();
  const { node: n, selected } = data;
  const look = CHANGE_LOOK[n.change];
  const p50a = n.a?.p50Ms ?? null;
  const p50b = n.b?.p50Ms ?? null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" && event.key !== " " && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    select(event.key === "Escape" ? null : n.name);
  };

  return (
    <div
      data-testid="diff-node"
      data-change={n.change}
      data-name={n.name}
      data-selected={String(selected)}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={describeDiffNode(n)}
      onKeyDown={onKeyDown}
      className={[
        "relative flex h-full w-full cursor-pointer flex-col justify-between overflow-hidden rounded-lg border py-2 pr-3 pl-4 text-left shadow-sm",
        "transition-shadow hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-sky-500",
        look.card,
        selected ? "ring-[3px] ring-sky-600 ring-offset-2" : "",
      ].join(" ")}
    >
      <Handle type="target" position={targetPosition ?? Position.Left} isConnectable={false} style={HIDDEN_HANDLE} />
      <span aria-hidden className={`absolute inset-y-0 left-0 w-1 ${look.strip}`} />
      <div className="flex items-center gap-2">
        <span className={`truncate text-sm font-semibold ${look.name}`}>{n.name}</span>
        <span className="ml-auto shrink-0">
          <ChangeBadge change={n.change} compact />
        </span>
      </div>
      <div className="truncate text-[11px] text-slate-500">
        {n.role ?? "\u00a0"}
        {n.change === "changed" && n.changedFields.length > 0 ? <span className="text-amber-900"> · {n.changedFields.join(", ")}</span> : null}
      </div>
      <div className="truncate text-[11px] text-slate-600">
        {p50a !== null || p50b !== null ? (
          <>
            <span className="mr-1 text-slate-500">p50</span>
            <DeltaCell a={p50a} b={p50b} format={formatMs} />
          </>
        ) : (
          <span className="italic">no finished activations</span>
        )}
      </div>
      <Handle type="source" position={sourcePosition ?? Position.Right} isConnectable={false} style={HIDDEN_HANDLE} />
    </div>
  );
});
