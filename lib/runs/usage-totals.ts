// "Self" and "total including children" for DAG nodes. A node's total is the usage counted once
// over everything beneath its spans (parent links), so an agent span shows what its sub-calls
// spent and a node that calls another node includes it, while usage an enclosing span repeats
// (counts_usage false) is never added twice.

import { add, spanForest, subtract } from "@/lib/runs/span-forest";

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

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

/**
 * A workflow node's total: its spans, the calls folded into it (same nodespec id, no node name),
 * and everything beneath its spans, each span once, a call's own subtree left out (as
 * `indexUsage(...).total(own, calls)` counts it). One walk over the run's spans, O(N) plus the
 * nodes sharing a nodespec, where a traversal per node was quadratic in nested nodes.
 *
 * Each node's spans and calls are its markers; the total is the calls' own usage plus, for each of
 * its spans, the span's subtree minus the subtrees of the markers nearest beneath it (found with a
 * stack of open markers per node during the walk). Parent links that loop are cut (span-forest.ts).
 */
const NONE: readonly string[] = [];

export function addWorkflowTotals(nodes: readonly DagNodeTotals[], usage: readonly DagUsageSpan[]): void {
  const forest = spanForest(usage);
  const wanted = new Map<string, DagNodeTotals>();
  const bySpec = new Map<string, string[]>();
  for (const node of nodes) {
    wanted.set(node.name, node);
    if (node.nodespecId) push(bySpec, node.nodespecId, node.name);
  }
  // Which nodes' markers each span is: its own node, or every node of a call's nodespec.
  const markerOf = (span: DagUsageSpan): readonly string[] =>
    span.nodeName !== null ? (wanted.has(span.nodeName) ? [span.nodeName] : NONE) : span.nodespecId !== null ? (bySpec.get(span.nodespecId) ?? NONE) : NONE;
  const totals = new Map<string, UsageFigures>();
  const region = new Map<number, UsageFigures>();
  const open = new Map<string, number[]>();
  for (const step of forest.walk) {
    const i = step >= 0 ? step : -1 - step;
    const span = usage[i]!;
    if (forest.first[i] === 0) continue;
    for (const name of markerOf(span)) {
      const stack = open.get(name) ?? [];
      if (step < 0) {
        stack.pop();
        continue;
      }
      const enclosing = stack.at(-1);
      // Beneath another of the node's spans: not part of that span's own region (a call's region counts nowhere).
      const enclosingRegion = enclosing === undefined ? undefined : region.get(enclosing);
      if (enclosingRegion) subtract(enclosingRegion, forest.subtreeOf(i));
      stack.push(i);
      open.set(name, stack);
      const total = totals.get(name) ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      totals.set(name, total);
      if (span.nodeName !== null) region.set(i, forest.subtreeOf(i));
      else add(total, forest.ownOf(i));
    }
  }
  const withSpans = new Set<string>();
  for (const [i, figures] of region) {
    const name = usage[i]!.nodeName!;
    withSpans.add(name);
    add(totals.get(name)!, figures);
  }
  // Only nodes with spans of their own: one known from the ledger or the graph keeps its own figures.
  for (const node of nodes) if (withSpans.has(node.name)) node.total = totals.get(node.name)!;
}

/** A trace span's total: its own usage if counted, and what every span beneath it counted (one walk, O(N)). */
export function addTraceTotals(nodes: readonly DagNodeTotals[], usage: readonly DagUsageSpan[]): void {
  const forest = spanForest(usage);
  const indexOfSpan = new Map(usage.map((span) => [span.spanId, span.key]));
  for (const node of nodes) {
    const key = indexOfSpan.get(node.id);
    const i = key === undefined ? undefined : forest.indexOf.get(key);
    if (i !== undefined) node.total = forest.subtreeOf(i);
  }
}

/** The fields of a DAG node the totals read and write. */
interface DagNodeTotals {
  id: string;
  name: string;
  nodespecId: string | null;
  total: UsageFigures;
}
