import { MarkerType, Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { makeDagNode } from "@/lib/runs/testing";
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode, EdgeKind } from "@/lib/runs/types";
import { EDGE_LOOK, HIGHLIGHT_LOOK } from "@/components/runs/run-dag/looks";
import { applyEdgeHighlight, edgeKey, toFlowEdges, toFlowNodes, toGroupNodes, toSegmentNodes, type DagFlowEdge } from "@/components/runs/run-dag/to-flow";
import { collapseChains, findChains } from "@/lib/runs/dag-chains";
import { groupId, groupNodes } from "@/lib/runs/dag-groups";

const edge = (source: string, target: string, kind: EdgeKind = "ledger", count = 1): DagEdge => ({ source, target, kind, count });
const placed = layoutDag(["a", "b", "c", "d"].map((id) => makeDagNode(id)), []);
const byId = (edges: DagFlowEdge[], id: string) => {
  const found = edges.find((e) => e.id === id);
  if (!found) throw new Error(`no edge ${id}`);
  return found;
};

describe("toFlowNodes", () => {
  it("places each node at its layout position with fixed size and direction-aware handles", () => {
    const nodes = [makeDagNode("a"), makeDagNode("b"), makeDagNode("a")];
    const layout = layoutDag(nodes, [edge("a", "b")]);
    const lr = toFlowNodes(nodes, layout, "LR");
    expect(lr.map((n) => n.id)).toEqual(["a", "b"]);
    expect(lr[1]).toMatchObject({
      type: "dag",
      position: layout.positions.get("b"),
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
    });
    expect(lr[1]!.data.node).toBe(nodes[1]);
    const tb = toFlowNodes(nodes, layoutDag(nodes, [edge("a", "b")], { direction: "TB" }), "TB");
    expect(tb[0]).toMatchObject({ sourcePosition: Position.Bottom, targetPosition: Position.Top });
  });

  it("skips nodes the layout did not place", () => {
    const layout = layoutDag([makeDagNode("a")], []);
    expect(toFlowNodes([makeDagNode("a"), makeDagNode("b")], layout).map((n) => n.id)).toEqual(["a"]);
  });
});

describe("toSegmentNodes", () => {
  it("places a folded chain as a segment card between the drawn ends, joined by edges", () => {
    const nodes = Array.from({ length: 30 }, (_, i) => makeDagNode(`n${i}`));
    const edges = nodes.slice(1).map((n, i) => edge(`n${i}`, n.id));
    const folded = collapseChains(nodes, edges, findChains(nodes, edges));
    const layout = layoutDag([...folded.nodes, ...folded.segments], folded.edges);
    const [card] = toSegmentNodes(folded.segments, layout, "TB");
    expect(card).toMatchObject({ id: "chain:n2", type: "segment", position: layout.positions.get("chain:n2"), width: NODE_WIDTH, height: NODE_HEIGHT, sourcePosition: Position.Bottom });
    expect(card!.data.segment.nodeIds).toHaveLength(26);
    expect(toFlowEdges(folded.edges, layout).map((e) => e.id)).toEqual(["n0->n1", "n1->chain:n2", "chain:n2->n28", "n28->n29"]);
  });
});

describe("toGroupNodes", () => {
  it("places a folded group as a card and labels the merged edges with how many they stand for", () => {
    const nodes = [makeDagNode("plan"), makeDagNode("tool.a"), makeDagNode("tool.b"), makeDagNode("tool.c")];
    const grouped = groupNodes(nodes, [edge("plan", "tool.a", "ledger", 2), edge("plan", "tool.b"), edge("plan", "tool.c", "parent")], "prefix");
    const layout = layoutDag([...grouped.nodes, ...grouped.groups], grouped.edges);
    const box = groupId("prefix", "tool");
    expect(toGroupNodes(grouped.groups, layout)).toMatchObject([{ id: box, type: "nodeGroup", position: layout.positions.get(box), width: NODE_WIDTH, height: NODE_HEIGHT }]);
    const [merged] = toFlowEdges(grouped.edges, layout);
    expect(merged).toMatchObject({ id: edgeKey("plan", box), label: "×3", data: { kind: "ledger", count: 3 } });
    expect(merged!.domAttributes).toMatchObject({ "data-links": "3" });
    expect(merged!.ariaLabel).toBe(`ledger edge from plan to ${box}, taken 3 times, 3 edges merged`);
    // Uncounted kinds merged: the label says how many edges the one drawn stands for.
    const parents = groupNodes(nodes, [edge("plan", "tool.a", "parent"), edge("plan", "tool.b", "parent")], "prefix");
    expect(toFlowEdges(parents.edges, layoutDag([...parents.nodes, ...parents.groups], parents.edges))[0]).toMatchObject({ label: "2 edges" });
  });
});

describe("toFlowEdges", () => {
  it("styles each kind and names it in the class, data and DOM attributes", () => {
    const edges = toFlowEdges(
      [edge("a", "b", "ledger", 4), edge("b", "c", "definition", 1), edge("c", "d", "parent"), edge("a", "d", "inferred"), edge("a", "c", "definition", 0)],
      placed,
    );
    const ledger = byId(edges, "a->b");
    expect(ledger.className).toContain("dag-edge-ledger");
    expect(ledger.data).toMatchObject({ kind: "ledger", count: 4, highlighted: false });
    expect(ledger.style).toMatchObject({ stroke: EDGE_LOOK.ledger.stroke });
    expect(ledger.style?.strokeDasharray).toBeUndefined();
    expect(ledger.label).toBe("×4");
    expect(ledger.animated).toBe(false);
    expect(ledger.markerEnd).toMatchObject({ type: MarkerType.ArrowClosed, color: EDGE_LOOK.ledger.stroke });
    expect(ledger.domAttributes).toMatchObject({ "data-testid": "dag-edge", "data-kind": "ledger" });

    expect(byId(edges, "b->c").style?.strokeDasharray).toBeUndefined();
    expect(byId(edges, "b->c").className).toContain("dag-edge-definition");
    expect(byId(edges, "c->d").style).toMatchObject({ stroke: EDGE_LOOK.parent.stroke, strokeLinecap: "round" });
    expect(byId(edges, "a->d").style).toMatchObject({ stroke: EDGE_LOOK.inferred.stroke, strokeDasharray: "6 4" });
    const notTaken = byId(edges, "a->c");
    expect(notTaken.className).toContain("dag-edge-not-taken");
    expect(notTaken.style?.strokeDasharray).toBeTruthy();
  });

  it("labels only ledger edges taken more than once", () => {
    const edges = toFlowEdges([edge("a", "b", "ledger", 1), edge("b", "c", "definition", 3)], placed);
    expect(byId(edges, "a->b").label).toBeUndefined();
    expect(byId(edges, "b->c").label).toBeUndefined();
  });

  it("drops edges to unknown nodes and keeps one edge per pair, the most trusted kind", () => {
    const edges = toFlowEdges(
      [edge("a", "ghost"), edge("x", "y"), edge("a", "b", "inferred"), edge("a", "b", "ledger", 2), edge("a", "b", "ledger", 3), edge("a", "b", "definition")],
      placed,
    );
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ id: edgeKey("a", "b"), data: { kind: "ledger", count: 3 } });
  });

  it("carries the layout's route for an edge that skips layers", () => {
    const nodes = ["a", "b", "c"].map((id) => makeDagNode(id));
    const dag = [edge("a", "b"), edge("b", "c"), edge("a", "c", "definition")];
    const layout = layoutDag(nodes, dag);
    const edges = toFlowEdges(dag, layout);
    expect(byId(edges, "a->c").data?.route).toEqual(layout.routes.get("a->c"));
    expect(byId(edges, "a->c").data?.route?.length).toBeGreaterThan(0);
    expect(byId(edges, "a->b").data?.route).toBeUndefined();
    expect(applyEdgeHighlight(edges, new Set(["a->c"])).find((e) => e.id === "a->c")?.data?.route).toEqual(layout.routes.get("a->c"));
  });

  it("keeps self-loops", () => {
    expect(toFlowEdges([edge("a", "a", "ledger", 3)], placed)).toMatchObject([{ id: "a->a", source: "a", target: "a", label: "×3" }]);
  });
});

describe("applyEdgeHighlight", () => {
  const base = toFlowEdges([edge("a", "b"), edge("b", "c"), edge("c", "d", "inferred")], placed);

  it("returns the same edges when nothing is highlighted", () => {
    expect(applyEdgeHighlight(base, null)).toBe(base);
    expect(applyEdgeHighlight(base, new Set())).toBe(base);
  });

  it("turns highlighted edges amber and thicker and leaves the others untouched", () => {
    const out = applyEdgeHighlight(base, new Set(["b->c", "c->d"]));
    expect(out[0]).toBe(base[0]);
    for (const lit of [out[1]!, out[2]!]) {
      expect(lit.className).toContain("dag-edge-highlighted");
      expect(lit.style).toMatchObject({ stroke: HIGHLIGHT_LOOK.stroke, strokeWidth: HIGHLIGHT_LOOK.strokeWidth });
      expect(lit.markerEnd).toMatchObject({ color: HIGHLIGHT_LOOK.stroke });
      expect(lit.data?.highlighted).toBe(true);
      expect(lit.zIndex).toBeGreaterThan(0);
    }
    expect(out[2]!.className).toContain("dag-edge-inferred");
    expect(base[0]!.className).not.toContain("dag-edge-highlighted");
  });

  it("reuses the highlighted copy so React Flow sees no change on a repeat", () => {
    const keys = new Set(["a->b"]);
    expect(applyEdgeHighlight(base, keys)[0]).toBe(applyEdgeHighlight(base, new Set(keys))[0]);
  });
});
