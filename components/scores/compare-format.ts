// A score name on both sides of a version comparison, as text: each side's figure, the change, the test.
import type { ScoreComparison, ScoreDataType, ScoreSideFigures } from "@/lib/scores/types";
import { DASH, formatPassRate, formatScoreNumber } from "@/components/scores/format";

const MINUS = "\u2212";

/** One side's headline: the mean, the pass rate, or the most common label with its share. */
export function describeSide(dataType: ScoreDataType, side: ScoreSideFigures): string {
  if (side.count === 0) return DASH;
  if (dataType === "categorical") {
    const top = side.labels[0];
    return top ? `${top.label} (${top.count}/${side.count})` : DASH;
  }
  if (side.mean === null) return DASH;
  return dataType === "boolean" ? `${formatPassRate(side.mean)} pass` : formatScoreNumber(side.mean);
}

/** b − a: in the score's units (`+0.12`), in percentage points for a pass rate (`−8.0 pp`); null for labels. */
export function formatScoreDelta(dataType: ScoreDataType, delta: number | null): string | null {
  if (delta === null || dataType === "categorical") return null;
  const sign = delta > 0 ? "+" : delta < 0 ? MINUS : "±";
  const magnitude = Math.abs(delta);
  return dataType === "boolean" ? `${sign}${(magnitude * 100).toFixed(1)} pp` : `${sign}${formatScoreNumber(magnitude)}`;
}

export type DeltaTone = "better" | "worse" | "flat" | "none";

/** Whether b moved the good way; higher is better unless said otherwise (the contract carries no direction yet). */
export function deltaTone(comparison: Pick<ScoreComparison, "dataType" | "delta">, higherIsBetter = true): DeltaTone {
  const { delta } = comparison;
  if (delta === null || comparison.dataType === "categorical") return "none";
  if (delta === 0) return "flat";
  return delta > 0 === higherIsBetter ? "better" : "worse";
}

/** `p = 0.0123`, `p < 0.0001`; null without a test. */
export function formatPValue(p: number | null): string | null {
  if (p === null || !Number.isFinite(p)) return null;
  return p < 0.0001 ? "p < 0.0001" : `p = ${p.toFixed(4)}`;
}

export interface LabelRow {
  label: string;
  a: number;
  b: number;
}

/** Both sides' label counts on one list, most common overall first (ties by name), so rows line up. */
export function labelRows(a: ScoreSideFigures, b: ScoreSideFigures): LabelRow[] {
  const rows = new Map<string, LabelRow>();
  for (const { label, count } of a.labels) rows.set(label, { label, a: count, b: 0 });
  for (const { label, count } of b.labels) rows.set(label, { label, a: rows.get(label)?.a ?? 0, b: count });
  return [...rows.values()].sort((x, y) => y.a + y.b - (x.a + x.b) || x.label.localeCompare(y.label));
}

/** A side's quantiles when they are the five the box plot needs (p5, p25, p50, p75, p95). */
export const boxQuantiles = (side: ScoreSideFigures): number[] | null =>
  side.quantiles && side.quantiles.length === 5 && side.quantiles.every(Number.isFinite) ? side.quantiles : null;
