// Pure conversion of a version comparison into a laid-out React Flow graph (no React).
// The layout is the run DAG's: nodes and edges are mapped into its DagNode/DagEdge shapes.
import { MarkerType, Position, type Edge, type Node } from "@xyflow/react";
import { edgeKey, layoutDag, type DagLayout, type Point } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode } from "@/lib/runs/types";
import type { EdgeComparison, NodeComparison } from "@/lib/workloads/types";
import { EDGE_CHANGE_LOOK, type EdgeChange } from "@/components/compare/version-compare/looks";

export const DIFF_NODE_WIDTH = 236;
export const DIFF_NODE_HEIGHT = 92;

export type DiffFlowNodeData = { node: NodeComparison; selected: boolean };
export type DiffFlowNode = Node<DiffFlowNodeData, "diff">;
export type DiffFlowEdgeData = { edge: EdgeComparison; route?: Point[] };
export type DiffFlowEdge = Edge<DiffFlowEdgeData, "diff">;

function asDagNode(node: NodeComparison): DagNode {
  return {
    id: node.name,
    name: node.name,
    role: node.role,
    service: null,
    nodespecId: node.nodespecIdB ?? node.nodespecIdA,
    status: "completed",
    activations: 0,
    attempts: null,
    startTime: null,
    startTimeUnixNano: null,
    durationMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    total: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    errorMessage: null,
  };
}

const asDagEdge = (edge: EdgeComparison): DagEdge => ({ source: edge.source, target: edge.target, kind: "definition", count: 1 });

/** Left-to-right positions for the merged graph of both versions. */
export function layoutComparison(nodes: NodeComparison[], edges: EdgeComparison[]): DagLayout {
  return layoutDag(nodes.map(asDagNode), edges.map(asDagEdge), { direction: "LR", nodeWidth: DIFF_NODE_WIDTH, nodeHeight: DIFF_NODE_HEIGHT });
}

export function toDiffFlowNodes(nodes: NodeComparison[], layout: DagLayout): DiffFlowNode[] {
  const out: DiffFlowNode[] = [];
  for (const node of nodes) {
    const position = layout.positions.get(node.name);
    if (!position) continue;
    out.push({
      id: node.name,
      type: "diff",
      position,
      data: { node, selected: false },
      width: DIFF_NODE_WIDTH,
      height: DIFF_NODE_HEIGHT,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
    });
  }
  return out;
}

// Removed edges under the others: where both cross, the surviving graph stays readable.
const Z: Record<EdgeChange, number> = { removed: 0, unchanged: 1, added: 2 };

/** One edge per source→target pair whose ends the layout placed, styled by change. */
export function toDiffFlowEdges(edges: EdgeComparison[], layout: DagLayout): DiffFlowEdge[] {
  const out = new Map<string, DiffFlowEdge>();
  for (const edge of edges) {
    const id = edgeKey(edge.source, edge.target);
    if (out.has(id) || !layout.positions.has(edge.source) || !layout.positions.has(edge.target)) continue;
    const look = EDGE_CHANGE_LOOK[edge.change];
    const domAttributes = { "data-testid": "diff-edge", "data-change": edge.change };
    out.set(id, {
      id,
      source: edge.source,
      target: edge.target,
      type: "diff",
      data: { edge, route: layout.routes.get(id) },
      className: `diff-edge diff-edge-${edge.change}`,
      style: look,
      markerEnd: { type: MarkerType.ArrowClosed, color: String(look.stroke), width: 18, height: 18, markerUnits: "userSpaceOnUse" },
      zIndex: Z[edge.change],
      ariaLabel: `${edge.change} edge from ${edge.source} to ${edge.target}`,
      domAttributes: domAttributes as DiffFlowEdge["domAttributes"],
    });
  }
  return [...out.values()];
}

/** The nodes with `selected` marked; the others keep their identity, so only the changed ones re-render. */
export function withSelection(nodes: DiffFlowNode[], selected: string | null): DiffFlowNode[] {
  if (selected === null) return nodes;
  return nodes.map((n) => (n.id === selected ? { ...n, data: { ...n.data, selected: true } } : n));
}
