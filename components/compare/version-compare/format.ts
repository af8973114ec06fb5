// Figures and words for the version diff: per-activation averages and what a node's change is.
import { formatMs, formatTokens } from "@/components/ui/format";
import type { NodeComparison } from "@/lib/workloads/types";
import { formatRate } from "@/lib/workloads/compare-summary";

/** An average token count: one decimal while small (`2.5`), else as formatTokens (`1,234`, `12.3k`). */
export function formatAvgTokens(tokens: number): string {
  if (tokens < 100 && !Number.isInteger(tokens)) return tokens.toFixed(1);
  return formatTokens(Math.round(tokens));
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
