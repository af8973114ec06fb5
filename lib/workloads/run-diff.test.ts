import { describe, expect, it } from "vitest";
import { makeDagNode } from "@/lib/runs/testing";
import type { DagEdge, DagNode, RunDag, RunView } from "@/lib/runs/types";
import { alignRunEdges, alignRunNodes, compareRunDags } from "@/lib/workloads/run-diff";

const run = (runId: string, logicId: string | null) => ({ runId, logicId }) as RunView;
const dag = (runId: string, logicId: string | null, nodes: DagNode[], edges: DagEdge[]): RunDag => ({ run: run(runId, logicId), nodes, edges, omittedNodes: 0, redactedValues: 0, spansUnread: 0, graphAsOf: null });

describe("run alignment", () => {
  it("sums a generic trace's spans of one name and maps span-id edges to names", () => {
    const a = dag("a", null, [
      makeDagNode("s1", { name: "GET /search", durationMs: 10 }),
      makeDagNode("s2", { name: "llm.call", durationMs: 30, inputTokens: 5 }),
      makeDagNode("s3", { name: "llm.call", durationMs: 40, inputTokens: 7, status: "failed", errorMessage: "429" }),
    ], [
      { source: "s1", target: "s2", kind: "parent", count: 1 },
      { source: "s1", target: "s3", kind: "parent", count: 1 },
    ]);
    const b = dag("b", null, [makeDagNode("t1", { name: "GET /search", durationMs: 12 })], []);
    const nodes = alignRunNodes(a, b);
    expect(nodes.map((n) => [n.name, n.change])).toEqual([
      ["GET /search", "unchanged"],
      ["llm.call", "removed"],
    ]);
    expect(nodes[1]!.a).toMatchObject({ activations: 2, durationMs: 70, inputTokens: 12, status: "failed", errorMessage: "429", nodeId: "s2" });
    expect(alignRunEdges(a, b)).toEqual([{ source: "GET /search", target: "llm.call", change: "removed", countA: 2, countB: 0 }]);
  });

  it("leaves out definition edges neither run took and nodes neither run fired", () => {
    const a = dag("a", "l", [makeDagNode("x"), makeDagNode("idle", { status: "not_run", activations: 0 })], [
      { source: "x", target: "idle", kind: "definition", count: 0 },
      { source: "__entry__", target: "x", kind: "ledger", count: 1 },
    ]);
    const b = dag("b", "l", [makeDagNode("x", { status: "failed" }), makeDagNode("idle", { status: "not_run", activations: 0 })], [
      { source: "__entry__", target: "x", kind: "ledger", count: 2 },
    ]);
    const comparison = compareRunDags(a, b);
    expect(comparison.sameVersion).toBe(true);
    expect(comparison.nodes.map((n) => [n.name, n.change, n.b?.status])).toEqual([["x", "unchanged", "failed"]]);
    expect(comparison.edges).toEqual([{ source: "__entry__", target: "x", change: "unchanged", countA: 1, countB: 2 }]);
  });
});
