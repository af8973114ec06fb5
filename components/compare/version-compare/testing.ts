import type { EdgeComparison, NodeComparison, NodeMetrics } from "@/lib/workloads/types";

/** Figures of a node that fired in 4 runs; tests override what they check. */
export function makeMetrics(overrides: Partial<NodeMetrics> = {}): NodeMetrics {
  return { activations: 4, runCount: 4, p50Ms: 100, p95Ms: 200, errorRate: 0, avgTokens: 500, avgCostUsd: 0.002, ...overrides };
}

/** An unchanged node present in both versions. */
export function makeNodeComparison(name: string, overrides: Partial<NodeComparison> = {}): NodeComparison {
  return { name, change: "unchanged", changedFields: [], role: null, nodespecIdA: null, nodespecIdB: null, a: makeMetrics(), b: makeMetrics(), ...overrides };
}

export const makeEdgeComparison = (source: string, target: string, change: EdgeComparison["change"] = "unchanged"): EdgeComparison => ({ source, target, change });
