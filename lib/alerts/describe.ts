import type { AlertCondition } from "@/lib/alerts/types";

/** A rule's measured value or threshold in its own unit: "12.5%", "1,830 ms", "$4.20", "1 version". */
export function alertFigure(condition: AlertCondition, value: number | null): string {
  if (value === null) return "no runs";
  if (condition === "error_rate") return `${(value * 100).toFixed(1)}%`;
  if (condition === "p95_duration") return `${Math.round(value).toLocaleString("en-US")} ms`;
  if (condition === "cost_per_day") return `$${value.toFixed(2)}`;
  return `${value} version${value === 1 ? "" : "s"}`;
}

