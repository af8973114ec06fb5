import { describe, expect, it } from "vitest";
import { EMPTY_GRAPH, mergeGraphs } from "@/collector/store/graph-merge";

describe("mergeGraphs", () => {
  it("unions nodes and edges, keeping the more complete node description", () => {
    const definition = {
      nodes: [
        { name: "planner", role: "llm", nodespecId: "a".repeat(64) },
        { name: "writer", role: null, nodespecId: null },
      ],
      edges: [{ source: "planner", target: "writer" }],
    };
    const observed = {
      nodes: [{ name: "writer", role: "llm", nodespecId: "b".repeat(64) }],
      edges: [
        { source: "planner", target: "writer" },
        { source: "writer", target: "reviewer" },
      ],
    };
    expect(mergeGraphs(definition, observed)).toEqual({
      nodes: [
        { name: "planner", role: "llm", nodespecId: "a".repeat(64) },
        { name: "writer", role: "llm", nodespecId: "b".repeat(64) },
        { name: "reviewer", role: null, nodespecId: null },
      ],
      edges: [
        { source: "planner", target: "writer" },
        { source: "writer", target: "reviewer" },
      ],
    });
  });

  it("is idempotent and keeps known details when an addition lacks them", () => {
    const graph = { nodes: [{ name: "a", role: "tool", nodespecId: "c".repeat(64) }], edges: [] };
    expect(mergeGraphs(graph, graph)).toEqual(graph);
    expect(mergeGraphs(graph, { nodes: [{ name: "a", role: null, nodespecId: null }], edges: [] })).toEqual(graph);
    expect(mergeGraphs(EMPTY_GRAPH, EMPTY_GRAPH)).toEqual(EMPTY_GRAPH);
  });
});
