import type { DagNode } from "@/lib/runs/types";

/** A completed DAG node with every field filled; tests override what they check. */
export function makeDagNode(id: string, overrides: Partial<DagNode> = {}): DagNode {
  return {
    id,
    name: id,
    role: null,
    nodespecId: null,
    status: "completed",
    activations: 1,
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
