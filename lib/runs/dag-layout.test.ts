import { describe, expect, it } from "vitest";
import { makeDagNode } from "@/lib/runs/testing";
import { edgeKey, layoutDag, NODE_HEIGHT, NODE_WIDTH, type DagLayout } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode, EdgeKind } from "@/lib/runs/types";

function edge(source: string, target: string, kind: EdgeKind = "ledger", count = 1): DagEdge {
  return { source, target, kind, count };
}

function pos(layout: DagLayout, id: string) {
  const p = layout.positions.get(id);
  if (!p) throw new Error(`no position for ${id}`);
  return p;
}

function expectNoOverlap(layout: DagLayout) {
  const boxes = [...layout.positions.entries()];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [ida, a] = boxes[i]!;
      const [idb, b] = boxes[j]!;
      const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
      expect(apart, `${ida} overlaps ${idb}`).toBe(true);
    }
  }
}

function expectInsideBounds(layout: DagLayout) {
  for (const [id, p] of layout.positions) {
    expect(Number.isFinite(p.x) && Number.isFinite(p.y), id).toBe(true);
    expect(p.x, id).toBeGreaterThanOrEqual(0);
    expect(p.y, id).toBeGreaterThanOrEqual(0);
    expect(p.x + NODE_WIDTH, id).toBeLessThanOrEqual(layout.width + 0.001);
    expect(p.y + NODE_HEIGHT, id).toBeLessThanOrEqual(layout.height + 0.001);
  }
}

describe("layoutDag", () => {
  it("gives empty output for empty input", () => {
    const out = layoutDag([], []);
    expect(out.positions.size).toBe(0);
    expect(out.routes.size).toBe(0);
    expect(out.width).toBe(0);
    expect(out.height).toBe(0);
    expect(layoutDag([], [edge("a", "b")]).positions.size).toBe(0);
  });

  it("lays a chain out left to right, one layer per node, without overlap", () => {
    const out = layoutDag(["a", "b", "c"].map((id) => makeDagNode(id)), [edge("a", "b"), edge("b", "c")]);
    expect(pos(out, "a").x).toBeLessThan(pos(out, "b").x);
    expect(pos(out, "b").x).toBeLessThan(pos(out, "c").x);
    expect(pos(out, "b").x - pos(out, "a").x).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(pos(out, "a").y).toBe(pos(out, "c").y);
    expectNoOverlap(out);
    expectInsideBounds(out);
  });

  it("lays a chain out top to bottom with direction TB", () => {
    const out = layoutDag(["a", "b", "c"].map((id) => makeDagNode(id)), [edge("a", "b"), edge("b", "c")], { direction: "TB" });
    expect(pos(out, "a").y + NODE_HEIGHT).toBeLessThanOrEqual(pos(out, "b").y);
    expect(pos(out, "b").y + NODE_HEIGHT).toBeLessThanOrEqual(pos(out, "c").y);
    expect(out.height).toBeGreaterThan(out.width);
  });

  it("sends every edge of a fan-out / fan-in graph forward and keeps nodes apart", () => {
    const nodes = [makeDagNode("plan"), ...Array.from({ length: 12 }, (_, i) => makeDagNode(`worker-${i}`)), makeDagNode("merge")];
    const edges = nodes.slice(1, -1).flatMap((n) => [edge("plan", n.id), edge(n.id, "merge")]);
    const out = layoutDag(nodes, edges);
    for (const e of edges) expect(pos(out, e.source).x, `${e.source}->${e.target}`).toBeLessThan(pos(out, e.target).x);
    expectNoOverlap(out);
    expectInsideBounds(out);
  });

  it("puts a late side input in the layer just before its consumer", () => {
    const nodes = ["a", "b", "c", "d", "config"].map((id) => makeDagNode(id));
    const out = layoutDag(nodes, [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("config", "d", "definition")]);
    expect(pos(out, "config").x).toBe(pos(out, "c").x);
    expectNoOverlap(out);
  });

  it("routes an edge that skips layers around the nodes in between", () => {
    const nodes = ["a", "b", "c", "d", "b2", "c2"].map((id) => makeDagNode(id));
    const edges = [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("a", "b2"), edge("b2", "c2"), edge("c2", "d"), edge("a", "d", "inferred")];
    const out = layoutDag(nodes, edges);
    expect(out.routes.has(edgeKey("a", "b"))).toBe(false);
    const route = out.routes.get(edgeKey("a", "d"));
    expect(route?.length).toBeGreaterThan(1);
    for (const p of route!) {
      expect(p.x).toBeGreaterThan(pos(out, "a").x + NODE_WIDTH);
      expect(p.x).toBeLessThan(pos(out, "d").x);
      for (const [id, n] of out.positions) {
        const inside = p.x > n.x && p.x < n.x + NODE_WIDTH && p.y > n.y && p.y < n.y + NODE_HEIGHT;
        expect(inside, `waypoint inside ${id}`).toBe(false);
      }
    }
  });

  it("lays out a reviewer loop without throwing, in start-time order", () => {
    const nodes = [
      makeDagNode("review", { startTimeUnixNano: "1732190000200000000" }),
      makeDagNode("draft", { startTimeUnixNano: "1732190000100000000" }),
      makeDagNode("publish", { startTimeUnixNano: "1732190000300000000" }),
    ];
    const edges = [edge("draft", "review", "ledger", 3), edge("review", "draft", "ledger", 2), edge("review", "publish")];
    const out = layoutDag(nodes, edges);
    expect(out.positions.size).toBe(3);
    expect(pos(out, "draft").x).toBeLessThan(pos(out, "review").x);
    expect(pos(out, "review").x).toBeLessThan(pos(out, "publish").x);
    expectNoOverlap(out);
  });

  it("breaks a cycle by input order when nodes have no start time", () => {
    const out = layoutDag([makeDagNode("a"), makeDagNode("b"), makeDagNode("c")], [edge("a", "b"), edge("b", "c"), edge("c", "a")]);
    expect(pos(out, "a").x).toBeLessThan(pos(out, "b").x);
    expect(pos(out, "b").x).toBeLessThan(pos(out, "c").x);
    expectInsideBounds(out);
  });

  it("keeps self-loops from throwing or moving the node", () => {
    const nodes = [makeDagNode("retry"), makeDagNode("next")];
    const withLoop = layoutDag(nodes, [edge("retry", "retry", "ledger", 5), edge("retry", "next")]);
    const without = layoutDag(nodes, [edge("retry", "next")]);
    expect(withLoop.positions).toEqual(without.positions);
    expect(pos(withLoop, "retry").x).toBeLessThan(pos(withLoop, "next").x);
    expect(layoutDag([makeDagNode("alone")], [edge("alone", "alone")]).positions.get("alone")).toEqual({ x: 0, y: 0 });
  });

  it("ignores edges whose endpoints are not nodes", () => {
    const nodes = [makeDagNode("a"), makeDagNode("b")];
    const out = layoutDag(nodes, [edge("a", "b"), edge("ghost", "a"), edge("b", "missing"), edge("x", "y")]);
    expect([...out.positions.keys()].sort()).toEqual(["a", "b"]);
    expect(out).toEqual(layoutDag(nodes, [edge("a", "b")]));
  });

  it("treats duplicate edges and duplicate node ids as one", () => {
    const nodes = [makeDagNode("a"), makeDagNode("b"), makeDagNode("c")];
    const once = layoutDag(nodes, [edge("a", "b"), edge("a", "c")]);
    const twice = layoutDag([...nodes, makeDagNode("a")], [edge("a", "b"), edge("a", "b", "definition", 0), edge("a", "b"), edge("a", "c")]);
    expect(twice.positions.size).toBe(3);
    expect(twice.positions).toEqual(once.positions);
  });

  it("places disconnected nodes too, apart from the connected ones", () => {
    const nodes = ["a", "b", "lonely-1", "lonely-2", "lonely-3", "c", "d"].map((id) => makeDagNode(id));
    const out = layoutDag(nodes, [edge("a", "b"), edge("c", "d")]);
    expect(out.positions.size).toBe(nodes.length);
    expectNoOverlap(out);
    expectInsideBounds(out);
  });

  it("places a graph of only disconnected nodes in a grid", () => {
    const nodes = Array.from({ length: 9 }, (_, i) => makeDagNode(`n${i}`));
    const out = layoutDag(nodes, []);
    expect(out.positions.size).toBe(9);
    expect(new Set([...out.positions.values()].map((p) => p.x)).size).toBe(3);
    expectNoOverlap(out);
    expectInsideBounds(out);
  });

  it("keeps every node apart in a layered graph with loops, skips and stragglers", () => {
    const nodes: DagNode[] = [];
    const edges: DagEdge[] = [];
    for (let layer = 0; layer < 8; layer++) {
      for (let i = 0; i < 6; i++) {
        nodes.push(makeDagNode(`L${layer}-${i}`));
        if (layer > 0) edges.push(edge(`L${layer - 1}-${(i * 7) % 6}`, `L${layer}-${i}`));
        if (layer > 1 && i % 3 === 0) edges.push(edge(`L${layer - 2}-${i}`, `L${layer}-${i}`, "inferred"));
      }
    }
    edges.push(edge("L5-2", "L2-1", "ledger", 2), edge("L3-3", "L3-3"));
    const out = layoutDag(nodes, edges);
    expect(out.positions.size).toBe(nodes.length);
    expectNoOverlap(out);
    expectInsideBounds(out);
  });
});

describe("layoutDag with wrapAspect", () => {
  const chain = (size: number) => {
    const nodes = Array.from({ length: size }, (_, i) => makeDagNode(`n${i}`));
    return { nodes, edges: nodes.slice(1).map((n, i) => edge(`n${i}`, n.id)) };
  };

  it("folds a long chain into rows read left to right, top to bottom, near the asked ratio", () => {
    const { nodes, edges } = chain(400);
    const line = layoutDag(nodes, edges);
    expect(line.height).toBe(NODE_HEIGHT);
    const out = layoutDag(nodes, edges, { wrapAspect: 2 });
    expect(out.width / out.height).toBeGreaterThan(1);
    expect(out.width / out.height).toBeLessThan(4);
    expectNoOverlap(out);
    expectInsideBounds(out);
    // Rows: every row starts at x = 0, and a node is right of its predecessor or starts a lower row.
    const rowStarts = nodes.filter((n) => pos(out, n.id).x === 0).map((n) => n.id);
    expect(rowStarts[0]).toBe("n0");
    expect(rowStarts.length).toBeGreaterThan(3);
    for (let i = 1; i < nodes.length; i++) {
      const [a, b] = [pos(out, `n${i - 1}`), pos(out, `n${i}`)];
      if (b.x === 0) expect(b.y).toBeGreaterThan(a.y + NODE_HEIGHT);
      else expect(b.x > a.x && b.y === a.y, `n${i}`).toBe(true);
    }
  });

  it("routes an edge from the end of one row through the gap below it into the next row", () => {
    const { nodes, edges } = chain(400);
    const out = layoutDag(nodes, edges, { wrapAspect: 2 });
    const second = nodes.find((n, i) => i > 0 && pos(out, n.id).x === 0)!;
    const index = nodes.indexOf(second);
    const route = out.routes.get(edgeKey(`n${index - 1}`, second.id));
    expect(route).toHaveLength(2);
    const gapY = route![0]!.y;
    expect(gapY).toBeGreaterThan(pos(out, `n${index - 1}`).y + NODE_HEIGHT);
    expect(gapY).toBeLessThan(pos(out, second.id).y);
    // Edges within a row need no route.
    expect(out.routes.has(edgeKey("n0", "n1"))).toBe(false);
  });

  it("stacks bands as columns in TB, and leaves a short graph on one line", () => {
    const { nodes, edges } = chain(400);
    const tb = layoutDag(nodes, edges, { direction: "TB", wrapAspect: 2 });
    expect(tb.width / tb.height).toBeGreaterThan(1);
    expectNoOverlap(tb);
    expectInsideBounds(tb);
    const short = chain(6);
    expect(layoutDag(short.nodes, short.edges, { wrapAspect: 2 })).toEqual(layoutDag(short.nodes, short.edges));
  });
});
