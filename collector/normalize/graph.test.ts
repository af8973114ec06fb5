import { describe, expect, it } from "vitest";
import { extractGraphDefinition, parseGraphDefinition } from "@/collector/normalize/graph";
import { normalizeTraces } from "@/collector/normalize";
import { BASE_TIME, makeDecodedSpan, makeTraceRequest, spanIdOf, TENANT } from "@/collector/normalize/testing";

const definition = {
  nodes: [
    { name: "prompt_builder", role: "format_prompt", nodespec_id: "aa75" },
    { name: "call_model", role: "llm", nodespec_id: "8b5c" },
    { name: "finalize" },
  ],
  edges: [
    { source: "prompt_builder", target: "call_model" },
    { source: "call_model", target: "finalize" },
  ],
};
const graphAttributes = {
  "codon.workload.name": "QA-Agent",
  "codon.workload.logic_id": "603dd807",
  "codon.workload.id": "qa-agent:0.1.0",
  "codon.workload.version": "0.1.0",
  "codon.workload.run_id": "run-graph",
  "codon.graph.definition_json": JSON.stringify(definition),
};

describe("graph definitions", () => {
  it("reads the static graph an agent.graph span declares", () => {
    const span = makeDecodedSpan({ name: "agent.graph", attributes: graphAttributes });
    const { graphs, spans } = normalizeTraces(makeTraceRequest([span]), TENANT);
    expect(spans).toHaveLength(1);
    expect(graphs).toEqual([
      {
        tenantId: TENANT,
        workloadName: "QA-Agent",
        logicId: "603dd807",
        workloadId: "qa-agent:0.1.0",
        version: "0.1.0",
        seenUnixNano: BASE_TIME,
        graph: {
          nodes: [
            { name: "prompt_builder", role: "format_prompt", nodespecId: "aa75" },
            { name: "call_model", role: "llm", nodespecId: "8b5c" },
            { name: "finalize", role: null, nodespecId: null },
          ],
          edges: [
            { source: "prompt_builder", target: "call_model" },
            { source: "call_model", target: "finalize" },
          ],
        },
      },
    ]);
  });

  it("takes the workload name and logic id from the resource too", () => {
    const span = makeDecodedSpan({
      name: "agent.graph",
      attributes: { "codon.graph.definition_json": JSON.stringify(definition) },
    });
    const graph = extractGraphDefinition(span, { "codon.workload.name": "R", "codon.workload.logic_id": "L" }, TENANT);
    expect(graph).toMatchObject({ workloadName: "R", logicId: "L", workloadId: null, version: null });
  });

  it.each([
    ["invalid JSON", { "codon.graph.definition_json": "{nodes:" }],
    ["JSON that is not an object", { "codon.graph.definition_json": "[1,2]" }],
    ["no definition", { "codon.graph.definition_json": "" }],
    ["no workload name", { "codon.workload.name": "" }],
    ["no logic id", { "codon.workload.logic_id": 7 }],
  ])("gives no graph for %s but keeps the span", (_label, change) => {
    const span = makeDecodedSpan({ name: "agent.graph", attributes: { ...graphAttributes, ...change } });
    const result = normalizeTraces(makeTraceRequest([span]), TENANT);
    expect(result.graphs).toEqual([]);
    expect(result.spans).toHaveLength(1);
    expect(result.rejected.count).toBe(0);
  });

  it("ignores the definition on spans not named agent.graph", () => {
    const span = makeDecodedSpan({ spanId: spanIdOf(2), name: "agent.workflow", attributes: graphAttributes });
    expect(normalizeTraces(makeTraceRequest([span]), TENANT).graphs).toEqual([]);
  });

  it("drops malformed nodes and edges and defaults missing lists", () => {
    const text = JSON.stringify({
      nodes: [{ name: "a", role: 3 }, { role: "llm" }, "b", { name: "" }],
      edges: [{ source: "a", target: "b" }, { source: "a" }, { source: 1, target: "b" }, null],
    });
    expect(parseGraphDefinition(text)).toEqual({
      nodes: [{ name: "a", role: null, nodespecId: null }],
      edges: [{ source: "a", target: "b" }],
    });
    expect(parseGraphDefinition("{}")).toEqual({ nodes: [], edges: [] });
    expect(parseGraphDefinition(undefined)).toBeNull();
  });
});
