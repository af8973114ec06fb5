// Turns a WorkloadTrend into what the chart plots: numeric times (recharts' time axis), each point
// in the middle of its bucket, and only the version boundaries that fall inside the plotted span.

import { shortId } from "@/components/ui/format";
import type { TrendBucket, WorkloadTrend } from "@/lib/workloads/types";

const HOUR_MS = 3_600_000;
export const BUCKET_MS: Record<TrendBucket, number> = { hour: HOUR_MS, day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS };

export interface ChartPoint {
  /** Middle of the bucket, ms since the epoch. */
  t: number;
  start: string;
  runCount: number;
  p95Ms: number | null;
  avgCostUsd: number | null;
}

export interface ChartBoundary {
  t: number;
  logicId: string;
  label: string;
}

/** A bucket in which some node left its baseline: shaded on the duration chart. */
export interface ChartAnomaly {
  x1: number;
  x2: number;
  /** How many anomalies fall in it. */
  count: number;
}

export interface ChartData {
  points: ChartPoint[];
  boundaries: ChartBoundary[];
  anomalies: ChartAnomaly[];
  /** [start of the first bucket, end of the last]. */
  domain: [number, number];
}

/** Null when no bucket has a finished run: there is nothing to draw. */
export function toChartData(trend: WorkloadTrend): ChartData | null {
  const size = BUCKET_MS[trend.bucket];
  const points = trend.points.map((p) => ({ ...p, t: Date.parse(p.start) + size / 2 }));
  if (!points.some((p) => p.p95Ms !== null || p.avgCostUsd !== null)) return null;
  const domain: [number, number] = [points[0]!.t - size / 2, points[points.length - 1]!.t + size / 2];
  const boundaries = trend.boundaries
    .map((b) => ({ t: Date.parse(b.at), logicId: b.logicId, label: b.version ?? shortId(b.logicId, 8) }))
    .filter((b) => b.t >= domain[0] && b.t <= domain[1]);
  const perBucket = new Map<number, number>();
  for (const anomaly of trend.anomalies) perBucket.set(Date.parse(anomaly.start), (perBucket.get(Date.parse(anomaly.start)) ?? 0) + 1);
  const anomalies = [...perBucket]
    .map(([start, count]) => ({ x1: start, x2: start + size, count }))
    .filter((a) => a.x1 >= domain[0] && a.x2 <= domain[1])
    .sort((a, b) => a.x1 - b.x1);
  return { points, boundaries, anomalies, domain };
}

/** At most `max` time-axis ticks, on bucket middles (so each label names its bucket), evenly thinned. */
export function axisTicks(points: ChartPoint[], max = 8): number[] {
  const step = Math.max(1, Math.ceil(points.length / max));
  return points.filter((_, i) => i % step === 0).map((p) => p.t);
}

/** Axis and table time labels, in UTC so server and browser render the same text. */
export function formatBucket(ms: number, bucket: TrendBucket): string {
  const iso = new Date(ms).toISOString();
  return bucket === "hour" ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}:00` : iso.slice(0, 10);
}

export const BUCKET_NOUN: Record<TrendBucket, string> = { hour: "hourly", day: "daily", week: "weekly" };
