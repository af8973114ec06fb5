// The one-line verdict on b against a, e.g.
// `+1 node (fact_checker) · researcher p50 −40% · cost/run +12% · error rate 2.0% → 0.5%`.

import type { NodeComparison, VersionSide } from "@/lib/workloads/types";

/** A relative move smaller than this (5%) is noise for the summary; the table still shows it. */
const NOTABLE_CHANGE = 0.05;
const MINUS = "\u2212";
const MAX_NAMES = 3;

/** (b − a) / a, or null when a is missing or zero. */
export function relativeChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null || a === 0) return null;
  return (b - a) / a;
}

/** `+12%` / `−40%` / `0%`, rounded to whole percent (one decimal below 1%). */
export function formatRelative(change: number): string {
  const percent = change * 100;
  const magnitude = Math.abs(percent) < 1 && percent !== 0 ? Math.abs(percent).toFixed(1) : Math.round(Math.abs(percent)).toString();
  if (magnitude === "0" || magnitude === "0.0") return "0%";
  return `${percent > 0 ? "+" : MINUS}${magnitude}%`;
}

/** A rate as a percentage with one decimal: 0.02 → `2.0%`. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function nodeList(sign: string, nodes: NodeComparison[]): string | null {
  if (nodes.length === 0) return null;
  const names = nodes.slice(0, MAX_NAMES).map((n) => n.name);
  const more = nodes.length > MAX_NAMES ? `, +${nodes.length - MAX_NAMES} more` : "";
  return `${sign}${nodes.length} node${nodes.length === 1 ? "" : "s"} (${names.join(", ")}${more})`;
}

function changedList(nodes: NodeComparison[]): string | null {
  if (nodes.length === 0) return null;
  const described = nodes.slice(0, MAX_NAMES).map((n) => (n.changedFields.length > 0 ? `${n.name}: ${n.changedFields.join(", ")}` : n.name));
  const more = nodes.length > MAX_NAMES ? `, +${nodes.length - MAX_NAMES} more` : "";
  return `${nodes.length} changed (${described.join("; ")}${more})`;
}

/** The node in both versions whose p50 moved most, relatively, if it moved notably. */
function largestLatencyMove(nodes: NodeComparison[]): string | null {
  let best: { name: string; change: number } | null = null;
  for (const node of nodes) {
    const change = relativeChange(node.a?.p50Ms ?? null, node.b?.p50Ms ?? null);
    if (change === null || Math.abs(change) < NOTABLE_CHANGE) continue;
    if (!best || Math.abs(change) > Math.abs(best.change)) best = { name: node.name, change };
  }
  return best ? `${best.name} p50 ${formatRelative(best.change)}` : null;
}

function costMove(a: VersionSide, b: VersionSide): string | null {
  if (a.avgCostUsd === null || b.avgCostUsd === null) return null;
  const change = relativeChange(a.avgCostUsd, b.avgCostUsd);
  if (change === null) return b.avgCostUsd > 0 ? `cost/run $0 → $${b.avgCostUsd.toFixed(4)}` : null;
  return Math.abs(change) < NOTABLE_CHANGE / 5 ? null : `cost/run ${formatRelative(change)}`;
}

function errorRateMove(a: VersionSide, b: VersionSide): string | null {
  if (a.errorRate === null || b.errorRate === null) return null;
  if (formatRate(a.errorRate) === formatRate(b.errorRate)) return null;
  return `error rate ${formatRate(a.errorRate)} → ${formatRate(b.errorRate)}`;
}

export function compareSummary(a: VersionSide, b: VersionSide, nodes: NodeComparison[]): string {
  if (a.logicId === b.logicId) return "Same logic id: nothing to compare";
  const parts = [
    nodeList("+", nodes.filter((n) => n.change === "added")),
    nodeList(MINUS, nodes.filter((n) => n.change === "removed")),
    changedList(nodes.filter((n) => n.change === "changed")),
    largestLatencyMove(nodes),
    costMove(a, b),
    errorRateMove(a, b),
  ].filter((part): part is string => part !== null);
  if (parts.length > 0) return parts.join(" · ");
  if (a.finishedRunCount === 0 || b.finishedRunCount === 0) return "Same graph; not enough finished runs to compare figures";
  return "Same graph; no notable change in latency, cost or error rate";
}
