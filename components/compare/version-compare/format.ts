// Figures and words for the version diff: the a → b figures, averages and what a node's change is.
import { formatCost, formatMs, formatTokens } from "@/components/ui/format";
import type { NodeComparison, NodeMetrics } from "@/lib/workloads/types";
import { formatRate } from "@/lib/workloads/compare-summary";

/** An average token count: one decimal while small (`2.5`), else as formatTokens (`1,234`, `12.3k`). */
export function formatAvgTokens(tokens: number): string {
  if (tokens < 100 && !Number.isInteger(tokens)) return tokens.toFixed(1);
  return formatTokens(Math.round(tokens));
}

/** One a → b figure: its label, where a side keeps it and how it reads. */
export interface Figure<T> {
  label: string;
  read: (side: T) => number | null;
  format: (value: number) => string;
  /** A count with no better direction: its change is never coloured. */
  neutral?: boolean;
}

type Measured = Pick<NodeMetrics, "p50Ms" | "p95Ms" | "errorRate" | "avgTokens" | "avgCostUsd">;

/** What a version (per run) and a node (per activation) are compared by: a count, latency, errors, tokens and cost. */
export function deltaFigures<T extends Measured>(count: Figure<T>, labels: { tokens: string; cost: string }): Figure<T>[] {
  return [
    { ...count, neutral: true },
    { label: "p50", read: (s) => s.p50Ms, format: formatMs },
    { label: "p95", read: (s) => s.p95Ms, format: formatMs },
    { label: "Error rate", read: (s) => s.errorRate, format: formatRate },
    { label: labels.tokens, read: (s) => s.avgTokens, format: formatAvgTokens },
    // A real zero reads `$0`: in a → b, `—` means no figure.
    { label: labels.cost, read: (s) => s.avgCostUsd, format: (usd) => formatCost(usd, { zero: "$0" }) },
  ];
}

/** `changed: model, signature` / `added` / `unchanged`. */
export function describeChange(node: Pick<NodeComparison, "change" | "changedFields">): string {
  return node.change === "changed" && node.changedFields.length > 0 ? `changed: ${node.changedFields.join(", ")}` : node.change;
}

const side = (value: number | null | undefined, format: (v: number) => string) => (value == null ? "none" : format(value));

/** What a screen reader announces for a graph node. */
export function describeDiffNode(node: NodeComparison): string {
  const parts = [`${node.name}${node.role ? ` (${node.role})` : ""}`, describeChange(node)];
  const p50a = node.a?.p50Ms;
  const p50b = node.b?.p50Ms;
  if (p50a != null || p50b != null) parts.push(`p50 ${side(p50a, formatMs)} to ${side(p50b, formatMs)}`);
  const errA = node.a?.errorRate;
  const errB = node.b?.errorRate;
  if ((errA ?? 0) > 0 || (errB ?? 0) > 0) parts.push(`error rate ${side(errA, formatRate)} to ${side(errB, formatRate)}`);
  return parts.join(", ");
}
