import { describe, expect, it } from "vitest";
import type { NodeMetrics } from "@/lib/workloads/types";
import { deltaFigures, describeChange, describeDiffNode, formatAvgTokens } from "@/components/compare/version-compare/format";
import { makeMetrics, makeNodeComparison as node } from "@/components/compare/version-compare/testing";

describe("formatAvgTokens", () => {
  it("keeps one decimal on small averages and rounds large ones", () => {
    expect(formatAvgTokens(2.5)).toBe("2.5");
    expect(formatAvgTokens(40)).toBe("40");
    expect(formatAvgTokens(1234.4)).toBe("1,234");
    expect(formatAvgTokens(12_345)).toBe("12.3k");
  });
});

describe("deltaFigures", () => {
  const figures = deltaFigures({ label: "Runs", read: (m: NodeMetrics) => m.runCount, format: String }, { tokens: "Tokens", cost: "Cost" });

  it("puts the count first, never coloured, then latency, errors, tokens and cost", () => {
    expect(figures.map((f) => f.label)).toEqual(["Runs", "p50", "p95", "Error rate", "Tokens", "Cost"]);
    expect(figures[0]!.neutral).toBe(true);
  });

  it("reads a real zero cost as $0 and small ones with four decimals", () => {
    const cost = figures[5]!;
    expect(cost.format(0)).toBe("$0");
    expect(cost.format(0.0123)).toBe("$0.0123");
  });
});

describe("describeChange", () => {
  it("lists the changed fields when known", () => {
    expect(describeChange({ change: "changed", changedFields: ["model", "signature"] })).toBe("changed: model, signature");
    expect(describeChange({ change: "changed", changedFields: [] })).toBe("changed");
    expect(describeChange({ change: "added", changedFields: [] })).toBe("added");
  });
});

describe("describeDiffNode", () => {
  it("names the node, its role, change, p50 and a non-zero error rate", () => {
    const n = node("writer", {
      role: "llm",
      change: "changed",
      changedFields: ["model"],
      a: makeMetrics({ p50Ms: 200, errorRate: 0.1 }),
      b: makeMetrics({ p50Ms: 120, errorRate: 0 }),
    });
    expect(describeDiffNode(n)).toBe("writer (llm), changed: model, p50 200 ms to 120 ms, error rate 10.0% to 0.0%");
  });

  it("says none for the side a node is missing from and skips figures nobody has", () => {
    expect(describeDiffNode(node("fact_checker", { change: "added", a: null, b: makeMetrics({ p50Ms: 42 }) }))).toBe("fact_checker, added, p50 none to 42 ms");
    expect(describeDiffNode(node("idle", { a: makeMetrics({ p50Ms: null }), b: makeMetrics({ p50Ms: null }) }))).toBe("idle, unchanged");
  });
});
