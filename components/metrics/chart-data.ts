// A series result as the chart draws it: which lines (a group's value, or a distribution's
// quantiles), and one row per step holding each line's figure by position (null: no data).

import type { MetricGroup, MetricMeasure, MetricPoint } from "@/lib/metrics/types";
import { PALETTE, paletteColor } from "@/components/costs/palette";
import type { Quantile } from "@/components/metrics/view";

export interface MetricLine {
  key: string;
  label: string;
  color: string;
  /** Series the line adds up (a group's), shown in the legend. */
  seriesCount: number | null;
  /** Steps with a figure: a sparse line gets dots, or a lone figure would not show at all. */
  figures: number;
}

/** recharts reads a dotted key as a path, so lines are keyed by position: `s0`, `s1`, … */
export type MetricRow = { time: number } & Record<`s${number}`, number | null>;

export interface MetricChartData {
  lines: MetricLine[];
  rows: MetricRow[];
  /** Observations per step over every group (distributions); null for other measures. */
  counts: { time: number; count: number | null }[] | null;
  /** Whether any step of any line has a figure: a chart of nothing says so instead. */
  hasPoints: boolean;
}

export const lineKey = (index: number): `s${number}` => `s${index}`;

/** Blue, orange, vermillion: the three quantiles stay apart for the common colour-vision deficiencies. */
const QUANTILE_COLORS: Record<Quantile, string> = { p50: PALETTE[0], p95: PALETTE[1], p99: PALETTE[5] };

interface Plot {
  line: MetricLine;
  pick: (point: MetricPoint) => number | null;
  points: MetricPoint[];
}

/** One group's quantiles as three lines (a distribution not grouped). */
function quantilePlots(group: MetricGroup): Plot[] {
  return (["p50", "p95", "p99"] as const).map((q) => ({
    line: { key: q, label: q, color: QUANTILE_COLORS[q], seriesCount: null, figures: 0 },
    pick: (point) => point[q],
    points: group.points,
  }));
}

/** A line per group: its value, or for a grouped distribution the chosen quantile. */
function groupPlots(groups: MetricGroup[], measure: MetricMeasure, quantile: Quantile): Plot[] {
  return groups.map((group, i) => ({
    line: { key: `${i}:${group.label}`, label: group.label, color: paletteColor(i), seriesCount: group.seriesCount, figures: 0 },
    pick: measure === "distribution" ? (point) => point[quantile] : (point) => point.value,
    points: group.points,
  }));
}

export function toMetricChart(groups: MetricGroup[], measure: MetricMeasure, grouped: boolean, quantile: Quantile): MetricChartData {
  const plots = measure === "distribution" && !grouped && groups.length === 1 ? quantilePlots(groups[0]!) : groupPlots(groups, measure, quantile);
  const byTime = new Map<number, MetricRow>();
  const rowAt = (time: number): MetricRow => {
    const found = byTime.get(time);
    if (found) return found;
    const row: MetricRow = { time };
    for (let i = 0; i < plots.length; i++) row[lineKey(i)] = null;
    byTime.set(time, row);
    return row;
  };
  const lines = plots.map((plot, i) => {
    let figures = 0;
    for (const point of plot.points) {
      const value = plot.pick(point);
      if (value !== null) figures += 1;
      rowAt(Date.parse(point.time))[lineKey(i)] = value;
    }
    return { ...plot.line, figures };
  });
  const rows = [...byTime.values()].sort((a, b) => a.time - b.time);
  return { lines, rows, counts: measure === "distribution" ? countsPerStep(groups) : null, hasPoints: lines.some((line) => line.figures > 0) };
}

/** Observations per step, summed over the groups; null where no group observed anything. */
export function countsPerStep(groups: MetricGroup[]): { time: number; count: number | null }[] {
  const byTime = new Map<number, number | null>();
  for (const group of groups) {
    for (const point of group.points) {
      const time = Date.parse(point.time);
      const before = byTime.get(time) ?? null;
      byTime.set(time, point.count === null ? before : (before ?? 0) + point.count);
    }
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([time, count]) => ({ time, count }));
}

