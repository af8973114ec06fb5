import { describe, expect, it } from "vitest";
import { compareSummary, formatRate, formatRelative, relativeChange } from "@/lib/workloads/compare-summary";
import type { NodeComparison, NodeMetrics, VersionSide } from "@/lib/workloads/types";

const side = (logicId: string, overrides: Partial<VersionSide> = {}): VersionSide => ({
  logicId,
  version: null,
  runCount: 100,
  finishedRunCount: 100,
  errorRate: 0.02,
  p50Ms: 1000,
  p95Ms: 2000,
  avgCostUsd: 0.05,
  avgTokens: 1000,
  ...overrides,
});
const m = (p50Ms: number | null): NodeMetrics => ({ activations: 10, runCount: 10, p50Ms, p95Ms: null, errorRate: 0, avgTokens: 0, avgCostUsd: 0 });
const node = (name: string, change: NodeComparison["change"], a: NodeMetrics | null, b: NodeMetrics | null, changedFields: NodeComparison["changedFields"] = []): NodeComparison => ({
  name,
  change,
  changedFields,
  role: null,
  nodespecIdA: null,
  nodespecIdB: null,
  a,
  b,
});

describe("compareSummary", () => {
  it("reads like the issue's example", () => {
    const nodes = [
      node("fact_checker", "added", null, m(200)),
      node("researcher", "unchanged", m(1000), m(600)),
      node("writer", "unchanged", m(1000), m(1100)),
    ];
    expect(compareSummary(side("a"), side("b", { avgCostUsd: 0.056, errorRate: 0.005 }), nodes)).toBe(
      "+1 node (fact_checker) · researcher p50 \u221240% · cost/run +12% · error rate 2.0% \u2192 0.5%",
    );
  });

  it("names removed and changed nodes with what changed", () => {
    const nodes = [node("legacy", "removed", m(10), null), node("researcher", "changed", m(100), m(100), ["model", "signature"])];
    expect(compareSummary(side("a"), side("b"), nodes)).toBe("\u22121 node (legacy) · 1 changed (researcher: model, signature)");
  });

  it("ignores moves under 5% and says when nothing changed", () => {
    const nodes = [node("n", "unchanged", m(100), m(103))];
    expect(compareSummary(side("a"), side("b", { avgCostUsd: 0.05001 }), nodes)).toBe("Same graph; no notable change in latency, cost or error rate");
  });

  it("says when there are no finished runs to compare", () => {
    expect(compareSummary(side("a"), side("b", { finishedRunCount: 0, errorRate: null, avgCostUsd: null }), [])).toBe(
      "Same graph; not enough finished runs to compare figures",
    );
  });

  it("caps long node lists", () => {
    const added = ["a", "b", "c", "d", "e"].map((name) => node(name, "added", null, m(1)));
    expect(compareSummary(side("a"), side("b"), added)).toBe("+5 nodes (a, b, c, +2 more)");
  });
});

describe("formatting", () => {
  it("formats relative changes and rates", () => {
    expect(relativeChange(200, 150)).toBe(-0.25);
    expect(relativeChange(0, 5)).toBeNull();
    expect(relativeChange(null, 5)).toBeNull();
    expect(formatRelative(-0.25)).toBe("\u221225%");
    expect(formatRelative(0.004)).toBe("+0.4%");
    expect(formatRelative(0)).toBe("0%");
    expect(formatRate(0.0204)).toBe("2.0%");
  });
});
