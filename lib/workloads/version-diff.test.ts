import { describe, expect, it } from "vitest";
import type { StaticGraph } from "@/lib/db/types";
import type { NodeMetrics } from "@/lib/workloads/types";
import { changedSpecFields, diffEdges, diffNodes, emptyMetrics, type SpecFields } from "@/lib/workloads/version-diff";

const spec = (overrides: Partial<SpecFields> = {}): SpecFields => ({
  role: "llm",
  callableSignature: "(payload: dict) -> dict",
  modelName: "gpt-4o",
  modelVersion: "2024-08-06",
  inputSchema: null,
  outputSchema: null,
  specVersion: "1",
  orgNamespace: "acme",
  ...overrides,
});

const metrics = (activations: number, p50Ms: number): NodeMetrics => ({
  activations,
  runCount: activations,
  p50Ms,
  p95Ms: p50Ms * 2,
  errorRate: 0,
  avgTokens: 100,
  avgCostUsd: 0.001,
});

const graphA: StaticGraph = {
  nodes: [
    { name: "planner", role: "llm", nodespecId: "planner-1" },
    { name: "researcher", role: "llm", nodespecId: "researcher-1" },
    { name: "writer", role: "llm", nodespecId: "writer-1" },
    { name: "legacy_filter", role: "tool", nodespecId: "filter-1" },
  ],
  edges: [
    { source: "planner", target: "researcher" },
    { source: "researcher", target: "legacy_filter" },
    { source: "legacy_filter", target: "writer" },
  ],
};
const graphB: StaticGraph = {
  nodes: [
    { name: "planner", role: "llm", nodespecId: "planner-1" },
    { name: "researcher", role: "llm", nodespecId: "researcher-2" },
    { name: "writer", role: "llm", nodespecId: "writer-1" },
    { name: "fact_checker", role: "review", nodespecId: "checker-1" },
  ],
  edges: [
    { source: "planner", target: "researcher" },
    { source: "researcher", target: "writer" },
    { source: "writer", target: "fact_checker" },
  ],
};

describe("diffNodes", () => {
  const specs = new Map([
    ["researcher-1", spec()],
    ["researcher-2", spec({ modelName: "gpt-4o-mini", callableSignature: "(payload: dict, ctx) -> dict" })],
  ]);
  const nodes = diffNodes({
    graphA,
    graphB,
    observedA: [{ name: "planner", role: "llm", nodespecId: "planner-1", metrics: metrics(10, 400) }],
    observedB: [
      { name: "planner", role: "llm", nodespecId: "planner-1", metrics: metrics(8, 300) },
      // Fired without being in the static graph (e.g. before any definition arrived).
      { name: "retry_guard", role: null, nodespecId: null, metrics: metrics(1, 5) },
    ],
    specs,
  });
  const byName = new Map(nodes.map((n) => [n.name, n]));

  it("classifies every node of either version", () => {
    expect(Object.fromEntries(nodes.map((n) => [n.name, n.change]))).toEqual({
      researcher: "changed",
      fact_checker: "added",
      retry_guard: "added",
      legacy_filter: "removed",
      planner: "unchanged",
      writer: "unchanged",
    });
  });

  it("lists changes first, then by name", () => {
    expect(nodes.map((n) => n.name)).toEqual(["researcher", "fact_checker", "retry_guard", "legacy_filter", "planner", "writer"]);
  });

  it("says which parts of a changed node's spec differ", () => {
    expect(byName.get("researcher")).toMatchObject({ changedFields: ["signature", "model"], nodespecIdA: "researcher-1", nodespecIdB: "researcher-2" });
  });

  it("gives absent sides null and defined-but-idle sides empty figures", () => {
    expect(byName.get("fact_checker")!.a).toBeNull();
    expect(byName.get("fact_checker")!.b).toEqual(emptyMetrics());
    expect(byName.get("legacy_filter")!.b).toBeNull();
    expect(byName.get("planner")!.a).toEqual(metrics(10, 400));
    expect(byName.get("planner")!.b).toEqual(metrics(8, 300));
  });

  it("treats a changed nodespec id without specs on record as changed with no fields named", () => {
    const [node] = diffNodes({
      graphA: { nodes: [{ name: "n", role: "llm", nodespecId: "x" }], edges: [] },
      graphB: { nodes: [{ name: "n", role: "llm", nodespecId: "y" }], edges: [] },
      observedA: [],
      observedB: [],
      specs: new Map(),
    });
    expect(node).toMatchObject({ change: "changed", changedFields: [] });
  });

  it("falls back to the role when nodespec ids are missing", () => {
    const [node] = diffNodes({
      graphA: { nodes: [{ name: "n", role: "llm", nodespecId: null }], edges: [] },
      graphB: { nodes: [{ name: "n", role: "tool", nodespecId: null }], edges: [] },
      observedA: [],
      observedB: [],
      specs: new Map(),
    });
    expect(node).toMatchObject({ change: "changed", changedFields: ["role"] });
  });
});

describe("changedSpecFields", () => {
  it("names role, model version, schemas, namespace", () => {
    expect(changedSpecFields(spec(), spec({ role: "tool", modelVersion: "2025-01-01", outputSchema: "{}", orgNamespace: "other" }))).toEqual([
      "role",
      "model",
      "output schema",
      "namespace",
    ]);
    expect(changedSpecFields(spec(), spec())).toEqual([]);
    expect(changedSpecFields(spec(), undefined)).toEqual([]);
  });
});

describe("diffEdges", () => {
  it("marks edges added, removed and unchanged", () => {
    expect(diffEdges(graphA, graphB)).toEqual([
      { source: "planner", target: "researcher", change: "unchanged" },
      { source: "researcher", target: "legacy_filter", change: "removed" },
      { source: "legacy_filter", target: "writer", change: "removed" },
      { source: "researcher", target: "writer", change: "added" },
      { source: "writer", target: "fact_checker", change: "added" },
    ]);
  });
});
