// What a score is on: the whole run, or one activation of a node; and the list kept in step with edits.
import type { RunScore } from "@/lib/scores/types";

/** A node activation the feedback form can score. */
export interface ActivationTarget {
  nodeId: string;
  nodeName: string;
  spanId: string;
  /** Its place among the node's activations (0 = first), and how many there are. */
  index: number;
  count: number;
  /** The activations are attempts of one retried step. */
  asAttempt: boolean;
}

/** The activation `spanId` names when it is one of them, else the first; null when there is none. */
export function pickActivation(activations: readonly { spanId: string }[], spanId: string | null): { spanId: string; index: number } | null {
  const index = spanId === null ? -1 : activations.findIndex((span) => span.spanId === spanId);
  const at = index < 0 ? 0 : index;
  const span = activations[at];
  return span ? { spanId: span.spanId, index: at } : null;
}

/** `writer`, `researcher · activation 2 of 3`, `writer · attempt 2 of 2`. */
export function describeActivation(target: Pick<ActivationTarget, "nodeName" | "index" | "count" | "asAttempt">): string {
  if (target.count <= 1) return target.nodeName;
  return `${target.nodeName} · ${target.asAttempt ? "attempt" : "activation"} ${target.index + 1} of ${target.count}`;
}

/**
 * The DAG node a score is on, to select it: the node name for workflow runs, the span id for a
 * generic trace (each span its own node); null for the whole run or a node the graph does not draw.
 */
export function scoreNodeId(score: Pick<RunScore, "nodeName" | "spanId">, nodeIds: ReadonlySet<string>): string | null {
  if (score.nodeName === null) return null;
  if (nodeIds.has(score.nodeName)) return score.nodeName;
  return score.spanId !== null && nodeIds.has(score.spanId) ? score.spanId : null;
}

/** Scores just stored put in front of the list (newest first), without doubling one already there. */
export function withRecorded(list: readonly RunScore[], recorded: readonly RunScore[]): RunScore[] {
  const ids = new Set(recorded.map((score) => score.id));
  return [...recorded, ...list.filter((score) => !ids.has(score.id))];
}

export const withoutScore = (list: readonly RunScore[], scoreId: string): RunScore[] => list.filter((score) => score.id !== scoreId);
