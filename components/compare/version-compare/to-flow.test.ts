import { MarkerType, Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { EDGE_CHANGE_LOOK } from "@/components/compare/version-compare/looks";
import { makeEdgeComparison as edge, makeNodeComparison as node } from "@/components/compare/version-compare/testing";
import { DIFF_NODE_HEIGHT, DIFF_NODE_WIDTH, layoutComparison, toDiffFlowEdges, toDiffFlowNodes, withSelection } from "@/components/compare/version-compare/to-flow";

const nodes = [
  node("fact_checker", { change: "added", a: null }),
  node("editor", { change: "removed", b: null }),
  node("researcher"),
  node("writer", { change: "changed", changedFields: ["model"] }),
];
const edges = [
  edge("researcher", "writer"),
  edge("writer", "fact_checker", "added"),
  edge("writer", "editor", "removed"),
];

describe("layoutComparison", () => {
  it("places every node of both versions, left to right along the edges", () => {
    const layout = layoutComparison(nodes, edges);
    expect([...layout.positions.keys()].sort()).toEqual(["editor", "fact_checker", "researcher", "writer"]);
    const x = (name: string) => layout.positions.get(name)!.x;
    expect(x("researcher")).toBeLessThan(x("writer"));
    expect(x("writer")).toBeLessThan(x("fact_checker"));
    expect(x("fact_checker")).toBe(x("editor"));
  });

  it("lays out nodes with no edges too", () => {
    expect(layoutComparison([node("solo")], []).positions.has("solo")).toBe(true);
  });
});

describe("toDiffFlowNodes", () => {
  it("makes one diff node per placed node, keyed by name, with left-to-right handles", () => {
    const layout = layoutComparison(nodes, edges);
    const flow = toDiffFlowNodes([...nodes, node("ghost")], layoutComparison(nodes, edges));
    expect(flow.map((n) => n.id)).toEqual(["fact_checker", "editor", "researcher", "writer"]);
    expect(flow[3]).toMatchObject({
      type: "diff",
      position: layout.positions.get("writer"),
      width: DIFF_NODE_WIDTH,
      height: DIFF_NODE_HEIGHT,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      data: { node: nodes[3], selected: false },
    });
  });
});

describe("toDiffFlowEdges", () => {
  const layout = layoutComparison(nodes, edges);

  it("styles edges by change: added green, removed red dashed, unchanged grey", () => {
    const flow = toDiffFlowEdges(edges, layout);
    const byId = new Map(flow.map((e) => [e.id, e]));
    const added = byId.get("writer->fact_checker")!;
    expect(added.style).toEqual(EDGE_CHANGE_LOOK.added);
    expect(added.markerEnd).toMatchObject({ type: MarkerType.ArrowClosed, color: EDGE_CHANGE_LOOK.added.stroke });
    expect(added.domAttributes).toMatchObject({ "data-testid": "diff-edge", "data-change": "added" });
    expect(byId.get("writer->editor")!.style?.strokeDasharray).toBeTruthy();
    expect(byId.get("writer->editor")!.zIndex).toBeLessThan(added.zIndex!);
    expect(byId.get("researcher->writer")!.style?.stroke).toBe(EDGE_CHANGE_LOOK.unchanged.stroke);
    expect(byId.get("researcher->writer")!.ariaLabel).toBe("unchanged edge from researcher to writer");
  });

  it("drops edges to nodes the layout did not place and duplicates of a pair", () => {
    const flow = toDiffFlowEdges([...edges, edge("writer", "nowhere", "added"), edge("researcher", "writer", "added")], layout);
    expect(flow.map((e) => e.id).sort()).toEqual(["researcher->writer", "writer->editor", "writer->fact_checker"]);
    expect(flow.find((e) => e.id === "researcher->writer")?.data?.edge.change).toBe("unchanged");
  });

  it("carries the layout's route for an edge that skips a layer", () => {
    const skip = [edge("researcher", "writer"), edge("writer", "fact_checker"), edge("researcher", "fact_checker", "added")];
    const skipLayout = layoutComparison(nodes, skip);
    const flow = toDiffFlowEdges(skip, skipLayout);
    expect(flow.find((e) => e.id === "researcher->fact_checker")?.data?.route).toEqual(skipLayout.routes.get("researcher->fact_checker"));
  });
});

describe("withSelection", () => {
  const flow = toDiffFlowNodes(nodes, layoutComparison(nodes, edges));

  it("is the same array when nothing is selected", () => {
    expect(withSelection(flow, null)).toBe(flow);
  });

  it("replaces only the selected node", () => {
    const out = withSelection(flow, "writer");
    expect(out[3]!.data.selected).toBe(true);
    expect(out[3]).not.toBe(flow[3]);
    expect(out.slice(0, 3)).toEqual(flow.slice(0, 3));
    out.slice(0, 3).forEach((n, i) => expect(n).toBe(flow[i]));
    expect(flow[3]!.data.selected).toBe(false);
  });
});
