import { describe, expect, it } from "vitest";
import { makeDagNode } from "@/lib/runs/testing";
import { collapseChains, findChains, segmentId } from "@/lib/runs/dag-chains";
import type { DagEdge, DagNode, EdgeKind } from "@/lib/runs/types";

const edge = (source: string, target: string, kind: EdgeKind = "ledger"): DagEdge => ({ source, target, kind, count: 1 });

/** n0 → n1 → … → n(size-1), each node's own usage 10 in, 2 out, $0.01. */
function chain(size: number, prefix = "n"): { nodes: DagNode[]; edges: DagEdge[] } {
  const nodes = Array.from({ length: size }, (_, i) =>
    makeDagNode(`${prefix}${i}`, { inputTokens: 10, outputTokens: 2, costUsd: 0.01, durationMs: 5, startTimeUnixNano: String(1000 + i) }),
  );
  const edges = nodes.slice(1).map((n, i) => edge(nodes[i]!.id, n.id));
  return { nodes, edges };
}

describe("findChains", () => {
  it("finds one chain through a sequential run, whatever the edge kinds or duplicates", () => {
    const { nodes, edges } = chain(6);
    const doubled = [...edges, edge("n2", "n3", "inferred"), edge("n4", "n4")];
    expect(findChains(nodes, doubled)).toEqual([["n0", "n1", "n2", "n3", "n4", "n5"]]);
  });

  it("breaks chains at fan-out and fan-in", () => {
    const nodes = ["a", "b", "c", "d", "e", "f", "g"].map((id) => makeDagNode(id));
    // a → b → c fans out to d and e, which join at f → g.
    const edges = [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("c", "e"), edge("d", "f"), edge("e", "f"), edge("f", "g")];
    expect(findChains(nodes, edges)).toEqual([["a", "b", "c"], ["f", "g"]]);
  });

  it("leaves pure cycles out and ignores edges to unknown nodes", () => {
    const nodes = ["a", "b", "c", "x"].map((id) => makeDagNode(id));
    expect(findChains(nodes, [edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("ghost", "x")])).toEqual([]);
  });

  it("follows a 10,000-node chain without recursion", () => {
    const { nodes, edges } = chain(10_000);
    const [only] = findChains(nodes, edges);
    expect(only).toHaveLength(10_000);
    expect(only![9_999]).toBe("n9999");
  });
});

describe("collapseChains", () => {
  it("folds the middle of a long chain into one segment with summed own usage, keeping the ends", () => {
    const { nodes, edges } = chain(500);
    const out = collapseChains(nodes, edges, findChains(nodes, edges));
    expect(out.nodes.map((n) => n.id)).toEqual(["n0", "n1", "n498", "n499"]);
    expect(out.segments).toHaveLength(1);
    const [segment] = out.segments;
    expect(segment).toMatchObject({ id: segmentId("n2"), first: "n2", last: "n497", steps: 495, status: "completed", durationMs: 2480, inputTokens: 4960, outputTokens: 992, startTimeUnixNano: "1002" });
    expect(segment!.costUsd).toBeCloseTo(4.96);
    expect(out.edges).toEqual([edge("n0", "n1"), edge("n1", segment!.id), edge(segment!.id, "n498"), edge("n498", "n499")]);
    expect(out.hiddenIn.get("n250")).toBe(segment!.id);
    expect(out.hiddenIn.has("n1")).toBe(false);
  });

  it("leaves short chains and expanded segments drawn", () => {
    const short = chain(11);
    expect(collapseChains(short.nodes, short.edges, findChains(short.nodes, short.edges)).segments).toEqual([]);
    const long = chain(40);
    const open = collapseChains(long.nodes, long.edges, findChains(long.nodes, long.edges), { expanded: new Set([segmentId("n2")]) });
    expect(open.nodes).toHaveLength(40);
    expect(open.edges).toBe(long.edges);
  });

  it("splits a segment around a pinned node and a failed one, so both stay drawn", () => {
    const { nodes, edges } = chain(100);
    nodes[70] = { ...nodes[70]!, status: "failed" };
    const out = collapseChains(nodes, edges, findChains(nodes, edges), { pinned: new Set(["n40"]) });
    expect(out.segments.map((s) => [s.first, s.last])).toEqual([["n2", "n39"], ["n41", "n69"], ["n71", "n97"]]);
    expect(out.nodes.map((n) => n.id)).toEqual(["n0", "n1", "n40", "n70", "n98", "n99"]);
    expect(out.edges).toContainEqual(edge(segmentId("n2"), "n40"));
    expect(out.edges).toContainEqual(edge("n40", segmentId("n41")));
    expect(out.edges).toContainEqual(edge(segmentId("n41"), "n70"));
  });

  it("does not fold a stretch shorter than the minimum segment between pins", () => {
    const { nodes, edges } = chain(20);
    // Drawn stretch n2..n17; pins at n4 and n7 leave n2-n3 (2) and n5-n6 (2) too short, n8..n17 folds.
    const out = collapseChains(nodes, edges, findChains(nodes, edges), { pinned: new Set(["n4", "n7"]) });
    expect(out.segments.map((s) => [s.first, s.last])).toEqual([["n8", "n17"]]);
  });

  it("folds chains hanging off a branching graph, marking a running node inside as running", () => {
    const { nodes, edges } = chain(30, "m");
    nodes[10] = { ...nodes[10]!, status: "running" };
    const all = [makeDagNode("root"), makeDagNode("side"), ...nodes];
    const out = collapseChains(all, [edge("root", "m0"), edge("root", "side"), ...edges], findChains(all, [edge("root", "m0"), edge("root", "side"), ...edges]));
    expect(out.segments).toHaveLength(1);
    expect(out.segments[0]).toMatchObject({ first: "m2", last: "m27", status: "running" });
    expect(out.nodes.map((n) => n.id)).toEqual(["root", "side", "m0", "m1", "m28", "m29"]);
  });
});

describe("collapseChains with openStep", () => {
  it("opens a long segment a step at a time, the rest folded under the next node's id", () => {
    const { nodes, edges } = chain(500);
    const chains = findChains(nodes, edges);
    const once = collapseChains(nodes, edges, chains, { openStep: 100, expanded: new Set([segmentId("n2")]) });
    expect(once.segments.map((s) => [s.first, s.last, s.nodeIds.length])).toEqual([["n102", "n497", 396]]);
    expect(once.nodes).toHaveLength(4 + 100);
    expect(once.edges).toContainEqual(edge("n101", segmentId("n102")));
    const twice = collapseChains(nodes, edges, chains, { openStep: 100, expanded: new Set([segmentId("n2"), segmentId("n102")]) });
    expect(twice.segments.map((s) => s.first)).toEqual(["n202"]);
    // A remainder too short to fold is drawn whole.
    const all = new Set(["n2", "n102", "n202", "n302", "n402"].map(segmentId));
    expect(collapseChains(nodes, edges, chains, { openStep: 100, expanded: all }).segments).toEqual([]);
    // 496 folded nodes by 99: the fifth opening leaves n497 alone, too few to fold.
    const byNinetyNine = collapseChains(nodes, edges, chains, { openStep: 99, expanded: new Set(["n2", "n101", "n200", "n299", "n398"].map(segmentId)) });
    expect(byNinetyNine.segments).toEqual([]);
    expect(byNinetyNine.nodes).toHaveLength(500);
  });
});
