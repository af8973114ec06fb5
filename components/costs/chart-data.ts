// The costs API's shapes as what the charts and their data tables plot: series in a fixed order
// with fixed colours, and one row per bucket holding each series' value by position (null: none).

import type { CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime } from "@/lib/costs/types";
import { OTHER_KEY } from "@/lib/costs/spend-series";
import { formatBucketLabel } from "@/components/costs/format";
import { formatCost } from "@/components/ui/format";
import { OTHER_COLOR, paletteColor } from "@/components/costs/palette";

const DAY_MS = 86_400_000;
export const BUCKET_MS: Record<SpendBucket, number> = { day: DAY_MS, week: 7 * DAY_MS };

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface ChartRow {
  /** Start of the bucket, ISO 8601. */
  start: string;
  /** One value per series, in series order; null where the series has nothing in this bucket. */
  values: (number | null)[];
}

export interface ChartData {
  bucket: SpendBucket;
  series: ChartSeries[];
  rows: ChartRow[];
}

/** A series' value in a bucket. Own keys only: a workload called "constructor" is not Object's. */
const valueOf = (values: Record<string, number>, key: string): number | null => (Object.hasOwn(values, key) ? values[key]! : null);

/** The stacked-bar data: "Other" keeps its grey wherever it falls; named series take the palette in order. */
export function toSpendChart(spend: SpendOverTime): ChartData {
  let named = 0;
  const series = spend.series.map((s) => ({
    key: s.key,
    label: s.label,
    color: s.key === OTHER_KEY ? OTHER_COLOR : paletteColor(named++),
  }));
  const rows = spend.points.map((p) => ({ start: p.start, values: series.map((s) => valueOf(p.values, s.key)) }));
  return { bucket: spend.bucket, series, rows };
}

/**
 * The cost-per-run lines. The API leaves out buckets where no workload finished a run; they are
 * put back as gaps so the time axis stays even (the lines join across them).
 */
export function toPerRunChart(trend: CostPerRunTrend): ChartData {
  const series = trend.workloads.map((name, i) => ({ key: name, label: name, color: paletteColor(i) }));
  const byStart = new Map(trend.points.map((p) => [Date.parse(p.start), p.values]));
  const rows = bucketStarts([...byStart.keys()], trend.bucket).map((ms) => {
    const values = byStart.get(ms);
    return { start: new Date(ms).toISOString(), values: series.map((s) => (values ? valueOf(values, s.key) : null)) };
  });
  return { bucket: trend.bucket, series, rows };
}

/** Every bucket start from the earliest to the latest given, in order. */
export function bucketStarts(starts: number[], bucket: SpendBucket): number[] {
  if (starts.length === 0) return [];
  const size = BUCKET_MS[bucket];
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const all: number[] = [];
  for (let at = first; at <= last; at += size) all.push(at);
  return all;
}

/** Sum of a row's values (null counts as nothing). */
export const rowTotal = (row: ChartRow): number => row.values.reduce<number>((sum, v) => sum + (v ?? 0), 0);

const BUCKET_ADJECTIVE: Record<SpendBucket, string> = { day: "Daily", week: "Weekly" };

/** The spend chart in a sentence, for its aria-label: what is drawn, the total, the peak and the biggest series. */
export function spendSummary(data: ChartData, by: SpendDimension, totalUsd: number, windowPhrase: string): string {
  const head = `${BUCKET_ADJECTIVE[data.bucket]} spend by ${by} over ${windowPhrase}, stacked bars: ${formatCost(totalUsd, { zero: "$0.00" })} in total`;
  let peak: ChartRow | null = null;
  for (const row of data.rows) if (rowTotal(row) > 0 && (peak === null || rowTotal(row) > rowTotal(peak))) peak = row;
  const peakText = peak ? `, highest ${formatBucketLabel(peak.start, data.bucket, true)} at ${formatCost(rowTotal(peak), { zero: "$0.00" })}` : "";
  const names = data.series.slice(0, 3).map((s) => s.label);
  const largest = names.length > 0 ? ` Largest: ${names.join(", ")}.` : "";
  return `${head}${peakText}.${largest}`;
}

/** The cost-per-run chart in a sentence, for its aria-label. */
export function perRunSummary(data: ChartData, windowPhrase: string): string {
  const count = data.series.length;
  return `${BUCKET_ADJECTIVE[data.bucket]} average cost of a finished run over ${windowPhrase}, one line per workload (${count}): ${data.series.map((s) => s.label).join(", ")}.`;
}
