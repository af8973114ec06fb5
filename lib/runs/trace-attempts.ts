import type { DagEdge, DagNode } from "@/lib/runs/types";

/** What a trace span tells about its place among retries. */
export interface AttemptSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startNs: string;
  durationNs: string;
  status: "unset" | "ok" | "error";
  attempt?: number | null;
}

/** Attempts in order: by start, then number (numbers restart with each invocation, so time leads). */
const byAttempt = (a: AttemptSpan, b: AttemptSpan) => {
  const start = BigInt(a.startNs) - BigInt(b.startNs);
  if (start !== 0n) return start < 0n ? -1 : 1;
  return (a.attempt ?? 0) - (b.attempt ?? 0);
};

/** Each starts once the one before it ended: attempts follow one another, parallel calls do not. */
function oneAfterAnother(group: readonly AttemptSpan[]): boolean {
  for (let i = 1; i < group.length; i++) {
    const previousEnd = BigInt(group[i - 1]!.startNs) + BigInt(group[i - 1]!.durationNs);
    if (BigInt(group[i]!.startNs) < previousEnd) return false;
  }
  return true;
}

/**
 * Sibling spans of one name under one parent that are attempts of one step: one after another,
 * and either numbered as attempts (AGNT5-style attributes, an HTTP resend count; distinct
 * numbers past 1) or an earlier one failed. Each such group, in attempt order.
 */
function retryGroups(spans: readonly AttemptSpan[]): AttemptSpan[][] {
  const siblings = new Map<string, AttemptSpan[]>();
  for (const span of spans) {
    const key = `${span.parentSpanId ?? ""}\u0000${span.name}`;
    const group = siblings.get(key);
    if (group) group.push(span);
    else siblings.set(key, [span]);
  }
  const groups: AttemptSpan[][] = [];
  for (const group of siblings.values()) {
    if (group.length < 2) continue;
    group.sort(byAttempt);
    const numbers = group.map((span) => span.attempt ?? 0);
    const numbered = new Set(numbers).size === group.length && Math.max(...numbers) > 1;
    const failedBeforeLast = group.slice(0, -1).some((span) => span.status === "error");
    if ((numbered || failedBeforeLast) && oneAfterAnother(group)) groups.push(group);
  }
  return groups;
}

/**
 * A generic trace's DAG with each retried step drawn once: the last attempt's node stands for
 * the group, with every attempt's time and usage, its status (the step's outcome) and
 * "n attempts, m failed"; what hung under earlier attempts hangs under it.
 */
export function mergeTraceAttempts(spans: readonly AttemptSpan[], nodes: DagNode[], edges: DagEdge[]): { nodes: DagNode[]; edges: DagEdge[] } {
  const groups = retryGroups(spans);
  if (groups.length === 0) return { nodes, edges };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const replacedBy = new Map<string, string>();
  for (const group of groups) {
    const last = byId.get(group[group.length - 1]!.spanId);
    if (!last) continue;
    const earlier = group.slice(0, -1).map((span) => byId.get(span.spanId)).filter((node) => node !== undefined);
    const failed = group.filter((span) => span.status === "error").length;
    for (const node of earlier) {
      replacedBy.set(node.id, last.id);
      last.durationMs += node.durationMs;
      last.inputTokens += node.inputTokens;
      last.outputTokens += node.outputTokens;
      last.costUsd += node.costUsd;
      last.total = { inputTokens: last.total.inputTokens + node.total.inputTokens, outputTokens: last.total.outputTokens + node.total.outputTokens, costUsd: last.total.costUsd + node.total.costUsd };
      if (node.startTimeUnixNano !== null && (last.startTimeUnixNano === null || BigInt(node.startTimeUnixNano) < BigInt(last.startTimeUnixNano))) {
        last.startTimeUnixNano = node.startTimeUnixNano;
        last.startTime = node.startTime;
      }
      // A step that succeeded in the end keeps the first failure it recovered from, as a workflow node does.
      if (last.status !== "failed") last.errorMessage ??= node.errorMessage;
    }
    last.activations = group.length;
    last.attempts = failed > 0 ? { count: group.length, failed } : null;
  }
  const keptEdges = new Map<string, DagEdge>();
  for (const edge of edges) {
    if (replacedBy.has(edge.target)) continue;
    const source = replacedBy.get(edge.source) ?? edge.source;
    const key = `${source}\u0000${edge.target}`;
    if (!keptEdges.has(key)) keptEdges.set(key, { ...edge, source });
  }
  return { nodes: nodes.filter((node) => !replacedBy.has(node.id)), edges: [...keptEdges.values()] };
}
