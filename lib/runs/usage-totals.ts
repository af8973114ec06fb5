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
