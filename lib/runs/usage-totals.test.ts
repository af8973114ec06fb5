import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addTraceTotals, addWorkflowTotals, indexUsage, type DagUsageSpan, type UsageFigures, type UsageSpan } from "@/lib/runs/usage-totals";

const span = (key: string, parentKey: string | null, costUsd: number, counts = true): UsageSpan => ({
  key,
  parentKey,
  counts,
  inputTokens: costUsd * 1000,
  outputTokens: costUsd * 100,
  costUsd,
});

// An agent span repeating its children's sum (not counted), two LLM calls, a tool whose own call
// is nested one level deeper, and an unrelated root.
const spans = [
  span("t/agent", null, 0.5, false),
  span("t/llm1", "t/agent", 0.2),
  span("t/tool", "t/agent", 0),
  span("t/llm2", "t/tool", 0.3),
  span("t/other", null, 0.7),
];

describe("indexUsage", () => {
  const index = indexUsage(spans);

  it("sums counted usage beneath a span once, leaving out the repeating aggregate", () => {
    expect(index.total(["t/agent"])).toEqual({ inputTokens: 500, outputTokens: 50, costUsd: 0.5 });
    expect(index.total(["t/tool"]).costUsd).toBe(0.3);
    expect(index.total(["t/llm1"]).costUsd).toBe(0.2);
  });

  it("counts a span reached twice (two start spans, or an extra key beneath one) once", () => {
    expect(index.total(["t/agent", "t/tool"], ["t/llm2"]).costUsd).toBe(0.5);
    expect(index.total(["t/tool"], ["t/other"]).costUsd).toBeCloseTo(1.0, 12);
  });

  it("stops on parent links that loop", () => {
    const looped = indexUsage([span("t/a", "t/b", 0.1), span("t/b", "t/a", 0.2)]);
    expect(looped.total(["t/a"]).costUsd).toBeCloseTo(0.3, 12);
  });
});

/** The per-node traversal addWorkflowTotals replaced, kept as the oracle. */
function traversalTotals(nodes: { name: string; nodespecId: string | null }[], usage: DagUsageSpan[]): Map<string, UsageFigures> {
  const index = indexUsage(usage);
  const out = new Map<string, UsageFigures>();
  for (const node of nodes) {
    const own = usage.filter((span) => span.nodeName === node.name).map((span) => span.key);
    if (own.length === 0) continue;
    const calls = usage.filter((span) => span.nodeName === null && node.nodespecId !== null && span.nodespecId === node.nodespecId).map((span) => span.key);
    out.set(node.name, index.total(own, calls));
  }
  return out;
}

// Random runs: spans nest under earlier spans (or under nothing, or a span that is not there), named
// after a few nodes or none (calls of a few nodespecs, shared by two nodes now and then); whole-number
// costs so sums are exact whatever the order.
const runArb = fc
  .array(
    fc.record({
      parent: fc.option(fc.nat({ max: 60 }), { nil: null }),
      node: fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: null }),
      spec: fc.option(fc.constantFrom("s1", "s2", "s3"), { nil: null }),
      counts: fc.boolean(),
      tokens: fc.nat({ max: 100 }),
    }),
    { maxLength: 60 },
  )
  .map((specs) =>
    specs.map((spec, i): DagUsageSpan => ({
      key: `t/${i}`,
      parentKey: spec.parent === null ? null : spec.parent < i ? `t/${spec.parent}` : `t/missing-${spec.parent}`,
      spanId: String(i),
      nodeName: spec.node,
      nodespecId: spec.spec,
      counts: spec.counts,
      inputTokens: spec.tokens,
      outputTokens: spec.tokens % 7,
      costUsd: spec.tokens * 3,
    })),
  );

describe("addWorkflowTotals and addTraceTotals", () => {
  const nodes = () => [
    { id: "a", name: "a", nodespecId: "s1", total: { inputTokens: -1, outputTokens: -1, costUsd: -1 } },
    { id: "b", name: "b", nodespecId: "s2", total: { inputTokens: -1, outputTokens: -1, costUsd: -1 } },
    { id: "c", name: "c", nodespecId: "s2", total: { inputTokens: -1, outputTokens: -1, costUsd: -1 } },
    { id: "d", name: "d", nodespecId: null, total: { inputTokens: -1, outputTokens: -1, costUsd: -1 } },
  ];

  it("give each node the total a traversal per node gives, on random runs", () => {
    fc.assert(
      fc.property(runArb, (usage) => {
        const list = nodes();
        addWorkflowTotals(list, usage);
        const expected = traversalTotals(list, usage);
        for (const node of list) expect(node.total).toEqual(expected.get(node.name) ?? { inputTokens: -1, outputTokens: -1, costUsd: -1 });
      }),
      { numRuns: 2_000 },
    );
  });

  it("give each trace span its subtree's counted usage, as a traversal does", () => {
    fc.assert(
      fc.property(runArb, (usage) => {
        const list = usage.map((span) => ({ id: span.spanId, name: "x", nodespecId: null, total: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }));
        addTraceTotals(list, usage);
        const index = indexUsage(usage);
        list.forEach((node, i) => expect(node.total).toEqual(index.total([usage[i]!.key])));
      }),
      { numRuns: 500 },
    );
  });
});
