import type { MetricComparison } from "@/lib/verdicts/types";

export const percent = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(Math.abs(value) < 0.1 ? 1 : 0)}%`;
export const points = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)} pp`;

/** "cost +120% [+95%, +150%]", "error rate +8.0 pp [+3.1 pp, +12.9 pp]", "writer p50 −30% […]", "answer_quality −25% […]", "grounded pass rate −20.0 pp […]". */
export function describeChange(comparison: Pick<MetricComparison, "metric" | "node" | "statistic" | "change" | "changeKind">): string {
  const format = comparison.changeKind === "relative" ? percent : points;
  const label =
    comparison.metric === "duration"
      ? "duration p50"
      : comparison.metric === "node_duration"
        ? `${comparison.node} p50`
        : comparison.metric === "error_rate"
          ? "error rate"
          : comparison.metric === "score"
            ? `${comparison.node}`
            : comparison.metric === "score_pass_rate"
              ? `${comparison.node} pass rate`
          : comparison.metric === "cost"
            ? "cost"
            : "tokens";
  const { estimate, low, high } = comparison.change;
  return `${label} ${format(estimate)} [${format(low)}, ${format(high)}]`;
}

