// Pure conversion of the laid-out as-it-ran graph into React Flow nodes and edges (no React).
import { MarkerType, Position, type Edge, type Node } from "@xyflow/react";
import { AS_RAN_NODE_HEIGHT, AS_RAN_NODE_WIDTH, type AsRanLayout } from "@/lib/runs/as-it-ran/layout";
import type { AsRanEdgeSource } from "@/lib/runs/as-it-ran/types";
import type { AsRanItem, AsRanVisibleEdge } from "@/lib/runs/as-it-ran/visible";
import { EDGE_LOOK } from "@/components/runs/run-dag/looks";

export type ActivationFlowNode = Node<{ item: Extract<AsRanItem, { kind: "activation" }> }, "activation">;
export type SegmentFlowNode = Node<{ item: Extract<AsRanItem, { kind: "segment" }> }, "segment">;
export type AsRanFlowNode = ActivationFlowNode | SegmentFlowNode;
export type AsRanFlowEdge = Edge<{ kind: AsRanEdgeSource }>;

/** The aggregated view's looks: a ledger token, a span parent, a time-order guess. */
const LOOK = { ledger: EDGE_LOOK.ledger, parent: EDGE_LOOK.parent, time: EDGE_LOOK.inferred } as const;

/**
 * React Flow nodes for the laid-out items. A node unchanged since `previous` (same item, same place)
 * is that same object, so React Flow leaves it alone: opening a chain renders the new steps, not all;
 * one that only moved keeps its `data` object.
 */
export function toAsRanFlowNodes(items: readonly AsRanItem[], layout: AsRanLayout, previous?: ReadonlyMap<string, AsRanFlowNode>): AsRanFlowNode[] {
  const out: AsRanFlowNode[] = [];
  for (const item of items) {
    const position = layout.positions.get(item.id);
    if (!position) continue;
    const prev = previous?.get(item.id);
    if (prev && sameItem(prev.data.item, item)) {
      // Moved only (a fold opening or closing above it): the same data object, so the card's
      // contents are not rendered again, only its place (activation-node.tsx).
      out.push(prev.position.x === position.x && prev.position.y === position.y ? prev : ({ ...prev, position } as AsRanFlowNode));
      continue;
    }
    const common = { id: item.id, position, width: AS_RAN_NODE_WIDTH, height: AS_RAN_NODE_HEIGHT, sourcePosition: Position.Right, targetPosition: Position.Left };
    out.push(item.kind === "activation" ? { ...common, type: "activation", data: { item } } : { ...common, type: "segment", data: { item } });
  }
  return out;
}

function sameItem(a: AsRanItem, b: AsRanItem): boolean {
  if (a.kind === "activation" || b.kind === "activation") return a.kind === "activation" && b.kind === "activation" && a.activation === b.activation;
  return a.segment === b.segment && a.side === b.side && a.steps === b.steps && a.firstName === b.firstName && a.lastName === b.lastName;
}

/** React Flow edges; one unchanged since `previous` is that same object. */
export function toAsRanFlowEdges(edges: readonly AsRanVisibleEdge[], previous?: ReadonlyMap<string, AsRanFlowEdge>): AsRanFlowEdge[] {
  return edges.map((e) => {
    const prev = previous?.get(e.id);
    if (prev && prev.data?.kind === e.kind) return prev;
    const look = LOOK[e.kind];
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      data: { kind: e.kind },
      style: look,
      markerEnd: { type: MarkerType.ArrowClosed, color: look.stroke, width: 16, height: 16 },
      ariaLabel: `${e.kind} edge`,
    };
  });
}
