import type { TimedNode } from "@/lib/runs/inferred-edges";
import type { DagNode } from "@/lib/runs/types";

/** A completed DAG node with every field filled; tests override what they check. */
export function makeDagNode(id: string, overrides: Partial<DagNode> = {}): DagNode {
  return {
    id,
    name: id,
    role: null,
    service: null,
    nodespecId: null,
    status: "completed",
    activations: 1,
    attempts: null,
    startTime: null,
    startTimeUnixNano: null,
    durationMs: 10,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    total: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    errorMessage: null,
    ...overrides,
  };
}

/** The rule inferredEdges replaced, kept as the oracle of its property test (and the bench's "before"): a scan of every other node per node. */
export function quadraticInferredEdges(timed: readonly TimedNode[], reached: ReadonlySet<string>): [string, string][] {
  if (timed.length < 2) return [];
  const first = timed.reduce((a, b) => (b.firstStartNs < a.firstStartNs ? b : a));
  const result: [string, string][] = [];
  for (const entry of timed) {
    if (entry === first || reached.has(entry.id)) continue;
    let best: TimedNode | null = null;
    for (const other of timed) {
      if (other === entry || other.lastEndNs > entry.firstStartNs) continue;
      if (!best || other.lastEndNs > best.lastEndNs) best = other;
    }
    if (!best) {
      for (const other of timed) {
        if (other === entry || other.firstStartNs > entry.firstStartNs) continue;
        if (!best || other.firstStartNs > best.firstStartNs) best = other;
      }
    }
    if (best) result.push([best.id, entry.id]);
  }
  return result;
}
