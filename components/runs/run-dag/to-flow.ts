// Pure conversion of a laid-out run DAG into React Flow nodes and edges (no React).
import { MarkerType, Position, type Edge, type Node } from "@xyflow/react";
import { edgeKey, NODE_HEIGHT, NODE_WIDTH, type DagDirection, type DagLayout, type Point } from "@/lib/runs/dag-layout";
import type { ChainSegment } from "@/lib/runs/dag-chains";
import type { MergedEdge, NodeGroup } from "@/lib/runs/dag-groups";
import type { DagNode, EdgeKind } from "@/lib/runs/types";
import { EDGE_LOOK, HIGHLIGHT_LOOK, NOT_TAKEN_LOOK } from "@/components/runs/run-dag/looks";

export type DagFlowNodeData = { node: DagNode };
export type DagFlowNode = Node<DagFlowNodeData, "dag">;
/** A folded stretch of a long chain, drawn as one card that expands on click or Enter. */
export type SegmentFlowNode = Node<{ segment: ChainSegment }, "segment">;
/** Nodes of one role or name prefix folded into one box with their totals; opens on click or Enter. */
export type GroupFlowNode = Node<{ group: NodeGroup }, "nodeGroup">;
export type RunFlowNode = DagFlowNode | SegmentFlowNode | GroupFlowNode;
export type DagFlowEdgeData = {
  edge: MergedEdge;
  kind: EdgeKind;
  count: number;
  highlighted: boolean;
  /** Waypoints around the nodes of skipped layers (from the layout), if any. */
  route?: Point[];
};
export type DagFlowEdge = Edge<DagFlowEdgeData, "dag">;

export { edgeKey };

/** Outside a lineage highlight an edge fades; the view sets data-highlight-active on its `group/dag` root. */
const DIM_CLASS = "transition-opacity group-data-[highlight-active=true]/dag:opacity-20";
const KIND_TRUST: Record<EdgeKind, number> = { ledger: 0, definition: 1, parent: 2, inferred: 3 };

/** What every card shares: a known size (React Flow need not measure it) and handles along the flow. */
function cardFrame(position: Point, direction: DagDirection) {
  const horizontal = direction === "LR";
  return {
    position,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    sourcePosition: horizontal ? Position.Right : Position.Bottom,
    targetPosition: horizontal ? Position.Left : Position.Top,
  };
}

/** What a card shows: the same object means the same card (a node's data is rebuilt around it each layout). */
export function shownThing(n: RunFlowNode): DagNode | ChainSegment | NodeGroup {
  const data = n.data;
  return "node" in data ? data.node : "segment" in data ? data.segment : data.group;
}

export function toFlowNodes(nodes: DagNode[], layout: DagLayout, direction: DagDirection = "LR"): DagFlowNode[] {
  const out: DagFlowNode[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    const position = layout.positions.get(node.id);
    if (!position || seen.has(node.id)) continue;
    seen.add(node.id);
    out.push({ id: node.id, type: "dag", data: { node }, ...cardFrame(position, direction) });
  }
  return out;
}

/** The folded chains as cards of the same size as a node, where the layout put them. */
export function toSegmentNodes(segments: readonly ChainSegment[], layout: DagLayout, direction: DagDirection = "LR"): SegmentFlowNode[] {
  const out: SegmentFlowNode[] = [];
  for (const segment of segments) {
    const position = layout.positions.get(segment.id);
    if (position) out.push({ id: segment.id, type: "segment", data: { segment }, ...cardFrame(position, direction) });
  }
  return out;
}

/** The folded groups as cards of the same size as a node, where the layout put them. */
export function toGroupNodes(groups: readonly NodeGroup[], layout: DagLayout, direction: DagDirection = "LR"): GroupFlowNode[] {
  const out: GroupFlowNode[] = [];
  for (const group of groups) {
    const position = layout.positions.get(group.id);
    if (position) out.push({ id: group.id, type: "nodeGroup", data: { group }, ...cardFrame(position, direction) });
  }
  return out;
}

/**
 * One edge per source→target pair (the most trusted kind wins; React Flow ids must be unique),
 * dropping edges whose endpoints the layout did not place. Self-loops are kept: the edge component draws them.
 */
export function toFlowEdges(edges: readonly MergedEdge[], layout: DagLayout): DagFlowEdge[] {
  const best = new Map<string, MergedEdge>();
  for (const e of edges) {
    if (!layout.positions.has(e.source) || !layout.positions.has(e.target)) continue;
    const key = edgeKey(e.source, e.target);
    const prev = best.get(key);
    const trust = prev ? KIND_TRUST[e.kind] - KIND_TRUST[prev.kind] : -1;
    if (trust < 0 || (trust === 0 && e.count > prev!.count)) best.set(key, e);
  }
  return [...best].map(([id, e]) => makeFlowEdge(id, e, false, layout.routes.get(id)));
}

export function makeFlowEdge(id: string, e: MergedEdge, highlighted: boolean, route?: Point[]): DagFlowEdge {
  const notTaken = e.kind === "definition" && e.count === 0;
  const look = notTaken ? NOT_TAKEN_LOOK : EDGE_LOOK[e.kind];
  const stroke = String(highlighted ? HIGHLIGHT_LOOK.stroke : look.stroke);
  const counted = e.kind === "ledger" && e.count > 1;
  // An edge into or out of a folded group stands for several of the graph's: its label is their
  // summed count, or how many they are when uncounted (both in the aria label; the gap is narrow).
  const links = e.links ?? 1;
  const label = counted ? `×${e.count}` : links > 1 ? `${links} edges` : undefined;
  const domAttributes = { "data-testid": "dag-edge", "data-kind": e.kind, "data-highlighted": String(highlighted), "data-links": links > 1 ? String(links) : undefined };
  return {
    id,
    source: e.source,
    target: e.target,
    type: "dag",
    data: { edge: e, kind: e.kind, count: e.count, highlighted, route },
    className: [`dag-edge dag-edge-${e.kind}`, notTaken ? "dag-edge-not-taken" : "", highlighted ? "dag-edge-highlighted" : DIM_CLASS]
      .filter(Boolean)
      .join(" "),
    animated: false,
    style: highlighted ? { ...look, ...HIGHLIGHT_LOOK } : look,
    markerEnd: { type: MarkerType.ArrowClosed, color: stroke, width: 18, height: 18, markerUnits: "userSpaceOnUse" },
    label,
    labelStyle: { fill: highlighted ? HIGHLIGHT_LOOK.stroke : "#334155", fontSize: 11, fontWeight: 600 },
    labelBgStyle: { fill: "#ffffff", fillOpacity: 0.9 },
    labelBgPadding: [4, 2],
    labelBgBorderRadius: 4,
    zIndex: highlighted ? 1 : 0,
    ariaLabel: `${e.kind} edge from ${e.source} to ${e.target}${e.count > 1 ? `, taken ${e.count} times` : notTaken ? ", not taken" : ""}${links > 1 ? `, ${links} edges merged` : ""}`,
    domAttributes: domAttributes as DagFlowEdge["domAttributes"],
  };
}

const highlightedVariant = new WeakMap<DagFlowEdge, DagFlowEdge>();

/**
 * The edges with a lineage highlight applied. Untouched edges keep their identity (and cached
 * highlighted copies are reused), so React Flow re-renders only the edges whose look changed.
 */
export function applyEdgeHighlight(edges: DagFlowEdge[], edgeKeys: ReadonlySet<string> | null | undefined): DagFlowEdge[] {
  if (!edgeKeys || edgeKeys.size === 0) return edges;
  return edges.map((e) => {
    if (!edgeKeys.has(e.id) || !e.data) return e;
    let lit = highlightedVariant.get(e);
    if (!lit) {
      lit = makeFlowEdge(e.id, e.data.edge, true, e.data.route);
      highlightedVariant.set(e, lit);
    }
    return lit;
  });
}
