// Nullable figures as table text: null means "no data behind it" and reads as a dash, never 0.

import { formatCost, formatMs, formatTokens } from "@/components/ui/format";
import { formatRate } from "@/lib/workloads/compare-summary";

export const DASH = "—";

export const msOrDash = (ms: number | null) => (ms === null ? DASH : formatMs(ms));
export const rateOrDash = (rate: number | null) => (rate === null ? DASH : formatRate(rate));
export const costOrDash = (usd: number | null) => (usd === null ? DASH : formatCost(usd));

/** Average tokens per run (input + output) with the split for a title; null when no finished runs. */
export function avgTokens(input: number | null, output: number | null): { total: string; split: string } | null {
  if (input === null && output === null) return null;
  const inTokens = Math.round(input ?? 0);
  const outTokens = Math.round(output ?? 0);
  return { total: formatTokens(inTokens + outTokens), split: `${formatTokens(inTokens)} in · ${formatTokens(outTokens)} out per run` };
}

/** An ISO time as `2026-01-02 13:04:05 UTC`: exact, and the same on server and client. */
export function exactTime(iso: string): string {
  return iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}
