import { describe, expect, it } from "vitest";
import { makeDagNode } from "@/lib/runs/testing";
import { collapseChains, findChains, segmentId } from "@/lib/runs/dag-chains";
import { groupByOf, groupId, groupKey, groupNodes, namePrefix } from "@/lib/runs/dag-groups";
import type { DagEdge, EdgeKind } from "@/lib/runs/types";

const edge = (source: string, target: string, kind: EdgeKind = "ledger", count = 1): DagEdge => ({ source, target, kind, count });

describe("group keys", () => {
  it("takes a name's prefix before its first separator", () => {
    expect(["tools.search", "tools/fetch", "db:read", "llm_call", "web-fetch"].map(namePrefix)).toEqual(["tools", "tools", "db", "llm", "web"]);
    expect(namePrefix("a.b-c")).toBe("a");
    expect(namePrefix("planner")).toBeNull();
    expect(namePrefix(".hidden")).toBeNull();
  });

  it("groups by role only nodes that have one", () => {
    expect(groupKey(makeDagNode("x", { role: "worker" }), "role")).toBe("worker");
    expect(groupKey(makeDagNode("x"), "role")).toBeNull();
    expect(groupKey(makeDagNode("x", { role: "" }), "role")).toBeNull();
  });

  it("groups by service only nodes whose spans named one", () => {
    expect(groupKey(makeDagNode("x", { service: "retriever" }), "service")).toBe("retriever");
    expect(groupKey(makeDagNode("x", { role: "worker" }), "service")).toBeNull();
  });

  it("reads ?group= and ignores what it does not know", () => {
    expect(groupByOf("role")).toBe("role");
    expect(groupByOf("prefix")).toBe("prefix");
    expect(groupByOf("service")).toBe("service");
    expect(groupByOf("host")).toBeNull();
    expect(groupByOf(null)).toBeNull();
  });
});

describe("groupNodes", () => {
  // planner → w1, w2, w3 (workers) → reviewer → w1 again (a way back), plus a lone "judge".
  const nodes = [
    makeDagNode("planner", { role: "plan", startTimeUnixNano: "100" }),
    makeDagNode("w1", { role: "worker", activations: 2, durationMs: 30, inputTokens: 10, outputTokens: 4, costUsd: 0.5, startTimeUnixNano: "200" }),
    makeDagNode("w2", { role: "worker", durationMs: 20, inputTokens: 5, outputTokens: 1, costUsd: 0.25, startTimeUnixNano: "150" }),
    makeDagNode("w3", { role: "worker", status: "failed", durationMs: 5, startTimeUnixNano: "1000" }),
    makeDagNode("reviewer", { role: "review", startTimeUnixNano: "2000" }),
  ];
  const edges = [
    edge("planner", "w1", "ledger", 2),
    edge("planner", "w2"),
    edge("planner", "w3"),
    edge("planner", "w3", "inferred"),
    edge("w1", "w2"),
    edge("w1", "reviewer"),
    edge("w2", "reviewer", "parent"),
    edge("w3", "reviewer"),
    edge("reviewer", "w1"),
  ];
  const workers = groupId("role", "worker");

  it("folds a group into one box with its members' figures summed", () => {
    const out = groupNodes(nodes, edges, "role");
    expect(out.nodes.map((n) => n.id)).toEqual(["planner", "reviewer"]);
    expect(out.groups).toHaveLength(1);
    expect(out.groups[0]).toMatchObject({
      id: workers,
      by: "role",
      key: "worker",
      nodeIds: ["w1", "w2", "w3"],
      status: "failed",
      activations: 4,
      durationMs: 55,
      inputTokens: 15,
      outputTokens: 5,
      failed: 1,
      startTimeUnixNano: "150",
    });
    expect(out.groups[0]!.costUsd).toBeCloseTo(0.75);
    expect(out.groupOf.get("w2")).toBe(workers);
    expect(out.groupOf.has("planner")).toBe(false);
  });

  it("merges edges into and out of a group per pair, summing the most trusted kind's counts and dropping those inside", () => {
    const out = groupNodes(nodes, edges, "role");
    expect(out.edges).toEqual([
      // planner→w1 (2 tokens), →w2 (1), →w3 (1; its inferred copy is the same pair, less trusted).
      { source: "planner", target: workers, kind: "ledger", count: 4, links: 3 },
      // w1→reviewer and w3→reviewer are ledger; w2→reviewer only a parent link: counted as a link, not a token.
      { source: workers, target: "reviewer", kind: "ledger", count: 2, links: 3 },
      { source: "reviewer", target: workers, kind: "ledger", count: 1, links: 1 },
    ]);
  });

  it("never folds a group of one, and leaves the graph as it was when nothing folds", () => {
    const out = groupNodes(nodes, edges, "role", new Set([workers]));
    expect(out.groups).toEqual([]);
    expect(out.nodes).toBe(nodes);
    expect(out.edges).toBe(edges);
    // planner, reviewer: roles of one node each.
    expect(out.groupOf.size).toBe(0);
  });

  it("keeps edges between drawn nodes as the same objects", () => {
    const extra = [...nodes, makeDagNode("judge")];
    const judged = [...edges, edge("reviewer", "judge")];
    const out = groupNodes(extra, judged, "role");
    expect(out.edges).toContain(judged[judged.length - 1]);
  });

  it("groups by name prefix", () => {
    const named = ["tools.search", "tools.fetch", "llm.plan", "answer"].map((id) => makeDagNode(id));
    const out = groupNodes(named, [edge("llm.plan", "tools.search"), edge("llm.plan", "tools.fetch"), edge("tools.fetch", "answer")], "prefix");
    expect(out.groups.map((g) => [g.key, g.nodeIds])).toEqual([["tools", ["tools.search", "tools.fetch"]]]);
    expect(out.nodes.map((n) => n.id)).toEqual(["llm.plan", "answer"]);
    expect(out.edges).toEqual([
      { source: "llm.plan", target: groupId("prefix", "tools"), kind: "ledger", count: 2, links: 2 },
      { source: groupId("prefix", "tools"), target: "answer", kind: "ledger", count: 1, links: 1 },
    ]);
  });

  it("hands chain folding a graph in which a group box is one more node, never folded itself", () => {
    // 20 steps s0 … s19, then two "tool" nodes, then 20 more steps t0 … t19: one chain through the box.
    const steps = Array.from({ length: 20 }, (_, i) => makeDagNode(`s${i}`));
    const tools = [makeDagNode("tool.a", { role: "tool" }), makeDagNode("tool.b", { role: "tool" })];
    const tail = Array.from({ length: 20 }, (_, i) => makeDagNode(`t${i}`));
    const all = [...steps, ...tools, ...tail];
    const links = [
      ...steps.slice(1).map((n, i) => edge(steps[i]!.id, n.id)),
      edge("s19", "tool.a"),
      edge("tool.a", "tool.b"),
      edge("tool.b", "t0"),
      ...tail.slice(1).map((n, i) => edge(tail[i]!.id, n.id)),
    ];
    const grouped = groupNodes(all, links, "role");
    const box = groupId("role", "tool");
    const chains = findChains([...grouped.nodes, ...grouped.groups], grouped.edges);
    expect(chains).toHaveLength(1);
    expect(chains[0]).toContain(box);
    const folded = collapseChains(grouped.nodes, grouped.edges, chains, { pinned: new Set([box]) });
    // The box splits the chain: one segment on each side of it, and it stays drawn between them.
    expect(folded.segments.map((s) => [s.first, s.last])).toEqual([
      ["s2", "s19"],
      ["t0", "t17"],
    ]);
    expect(folded.edges).toEqual([
      edge("s0", "s1"),
      edge("s1", segmentId("s2")),
      { source: segmentId("s2"), target: box, kind: "ledger", count: 1, links: 1 },
      { source: box, target: segmentId("t0"), kind: "ledger", count: 1, links: 1 },
      edge(segmentId("t0"), "t18"),
      edge("t18", "t19"),
    ]);
  });

  it("groups 2,000 nodes with a fan of edges in one pass", () => {
    const roles = ["plan", "work", "review", "tool"];
    const big = Array.from({ length: 2_000 }, (_, i) => makeDagNode(`n${i}`, { role: roles[i % 4]!, inputTokens: 1 }));
    const links = big.slice(1).flatMap((n, i) => [edge(big[i]!.id, n.id), edge(big[Math.floor(i / 2)]!.id, n.id, "parent")]);
    const out = groupNodes(big, links, "role");
    expect(out.nodes).toEqual([]);
    expect(out.groups.map((g) => [g.key, g.nodeIds.length, g.inputTokens])).toEqual(roles.map((r) => [r, 500, 500]));
    // Four boxes: at most 4 × 3 pairs between them, whatever the 4,000 edges were.
    expect(out.edges.length).toBeLessThanOrEqual(12);
    expect(out.edges.reduce((sum, e) => sum + (e.kind === "ledger" ? e.count : 0), 0)).toBe(1_999);
  });
});
