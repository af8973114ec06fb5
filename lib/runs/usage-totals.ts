// "Self" and "total including children" for DAG nodes. A node's total is the usage counted once
// over everything beneath its spans (parent links), so an agent span shows what its sub-calls
// spent and a node that calls another node includes it, while usage an enclosing span repeats
// (counts_usage false) is never added twice.

export interface UsageSpan {
  /** trace id + span id: span ids are unique only within a trace. */
  key: string;
  parentKey: string | null;
  counts: boolean;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface UsageFigures {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export const spanKey = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

export interface UsageIndex {
  /** Counted usage over the given spans, everything beneath them, and `alsoKeys`, each span once. */
  total(startKeys: Iterable<string>, alsoKeys?: Iterable<string>): UsageFigures;
}

export function indexUsage(spans: readonly UsageSpan[]): UsageIndex {
  const byKey = new Map<string, UsageSpan>();
  const children = new Map<string, string[]>();
  for (const span of spans) {
    byKey.set(span.key, span);
    if (span.parentKey === null) continue;
    const list = children.get(span.parentKey);
    if (list) list.push(span.key);
    else children.set(span.parentKey, [span.key]);
  }
  return {
    total(startKeys, alsoKeys = []) {
      // The visited set also stops a malformed trace whose parent links loop.
      const seen = new Set<string>(alsoKeys);
      const stack = [...startKeys];
      while (stack.length > 0) {
        const key = stack.pop()!;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const child of children.get(key) ?? []) stack.push(child);
      }
      const sum: UsageFigures = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      for (const key of seen) {
        const span = byKey.get(key);
        if (!span?.counts) continue;
        sum.inputTokens += span.inputTokens;
        sum.outputTokens += span.outputTokens;
        sum.costUsd += span.costUsd;
      }
      return sum;
    },
  };
}

/** True when spans beneath a node used more than the node itself (an agent span, a node calling tools). */
export function hasChildUsage(node: UsageFigures & { total: UsageFigures }): boolean {
  return node.total.costUsd - node.costUsd > 1e-12 || node.total.inputTokens + node.total.outputTokens > node.inputTokens + node.outputTokens;
}

/** A span as the DAG totals need it: its usage, and which node (or node's call) it belongs to. */
export interface DagUsageSpan extends UsageSpan {
  spanId: string;
  nodeName: string | null;
  nodespecId: string | null;
}

/** A workflow node's total: its spans, the calls folded into it, and everything beneath them. */
export function addWorkflowTotals(nodes: readonly DagNodeTotals[], usage: readonly DagUsageSpan[]): void {
  const index = indexUsage(usage);
  // One pass to group the spans, rather than a scan of them per node.
  const byNode = new Map<string, string[]>();
  const callsBySpec = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const span of usage) {
    if (span.nodeName !== null) push(byNode, span.nodeName, span.key);
    else if (span.nodespecId !== null) push(callsBySpec, span.nodespecId, span.key);
  }
  for (const node of nodes) {
    const own = byNode.get(node.name);
    if (!own) continue;
    node.total = index.total(own, node.nodespecId ? (callsBySpec.get(node.nodespecId) ?? []) : []);
  }
}

/** A trace span's total: its own usage if counted, and what every span beneath it counted. */
export function addTraceTotals(nodes: readonly DagNodeTotals[], usage: readonly DagUsageSpan[]): void {
  const index = indexUsage(usage);
  const keyOf = new Map(usage.map((span) => [span.spanId, span.key]));
  for (const node of nodes) {
    const key = keyOf.get(node.id);
    if (key) node.total = index.total([key]);
  }
}

/** The fields of a DAG node the totals read and write. */
interface DagNodeTotals {
  id: string;
  name: string;
  nodespecId: string | null;
  total: UsageFigures;
}
