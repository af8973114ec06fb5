import { describe, expect, it } from "vitest";
import type { TrendPoint, VersionBoundary, WorkloadTrend } from "@/lib/workloads/types";
import type { NodeAnomaly } from "@/lib/anomalies/types";
import { axisTicks, BUCKET_MS, formatBucket, toChartData } from "@/components/workloads/version-history/trend-data";

const DAY = BUCKET_MS.day;
const point = (start: string, p95Ms: number | null, avgCostUsd: number | null = null, runCount = 1): TrendPoint => ({ start, runCount, p95Ms, avgCostUsd });
const boundary = (logicId: string, at: string, version: string | null = null): VersionBoundary => ({ logicId, version, at });
const trend = (points: TrendPoint[], boundaries: VersionBoundary[] = [], anomalies: NodeAnomaly[] = []): WorkloadTrend => ({ workload: "w", bucket: "day", points, boundaries, anomalies });
const anomaly = (start: string, node: string): NodeAnomaly => ({ node, logicId: "ab".repeat(32), version: null, start, metric: "duration", value: 2, baseline: 1, direction: "higher", score: 5, activations: 9, baselineBuckets: 7 });

describe("toChartData", () => {
  it("shades each bucket with anomalies once, counting them, and drops those outside the plotted days", () => {
    const data = toChartData(
      trend([point("2026-01-01T00:00:00Z", 100), point("2026-01-02T00:00:00Z", 200)], [], [
        anomaly("2026-01-02T00:00:00Z", "writer"),
        anomaly("2026-01-02T00:00:00Z", "planner"),
        anomaly("2026-01-01T00:00:00Z", "writer"),
        anomaly("2025-12-01T00:00:00Z", "writer"),
      ]),
    )!;
    const jan1 = Date.parse("2026-01-01T00:00:00Z");
    expect(data.anomalies).toEqual([
      { x1: jan1, x2: jan1 + DAY, count: 1 },
      { x1: jan1 + DAY, x2: jan1 + 2 * DAY, count: 2 },
    ]);
  });

  it("is null when no bucket has a finished run", () => {
    expect(toChartData(trend([]))).toBeNull();
    expect(toChartData(trend([point("2026-01-01T00:00:00Z", null, null, 3)]))).toBeNull();
  });

  it("plots each point in the middle of its bucket over the span of the buckets", () => {
    const data = toChartData(trend([point("2026-01-01T00:00:00Z", 100, 0.01), point("2026-01-03T00:00:00Z", null, 0.02)]))!;
    const start = Date.parse("2026-01-01T00:00:00Z");
    expect(data.points.map((p) => p.t)).toEqual([start + DAY / 2, start + 2 * DAY + DAY / 2]);
    expect(data.domain).toEqual([start, start + 3 * DAY]);
    expect(data.points[1]!.p95Ms).toBeNull();
  });

  it("keeps only the boundaries inside the span, labelled by version or short logic id", () => {
    const logicId = "0123456789abcdef".repeat(4);
    const data = toChartData(
      trend(
        [point("2026-01-02T00:00:00Z", 100)],
        [boundary("old", "2026-01-01T05:00:00Z", "1.0"), boundary("v2", "2026-01-02T06:00:00Z", "2.0"), boundary(logicId, "2026-01-02T23:00:00Z")],
      ),
    )!;
    expect(data.boundaries).toEqual([
      { t: Date.parse("2026-01-02T06:00:00Z"), logicId: "v2", label: "2.0" },
      { t: Date.parse("2026-01-02T23:00:00Z"), logicId, label: "01234567" },
    ]);
  });
});

describe("formatBucket", () => {
  it("shows the hour for hourly buckets and the date otherwise, in UTC", () => {
    const ms = Date.parse("2026-01-02T13:30:00Z");
    expect(formatBucket(ms, "hour")).toBe("01-02 13:00");
    expect(formatBucket(ms, "day")).toBe("2026-01-02");
    expect(formatBucket(ms, "week")).toBe("2026-01-02");
  });
});

describe("axisTicks", () => {
  const points = (n: number) => Array.from({ length: n }, (_, i) => ({ t: i, start: "", runCount: 1, p95Ms: 1, avgCostUsd: null }));

  it("puts a tick on every bucket when there are few", () => {
    expect(axisTicks(points(3))).toEqual([0, 1, 2]);
    expect(axisTicks(points(0))).toEqual([]);
  });

  it("thins many buckets to at most the maximum, evenly", () => {
    expect(axisTicks(points(20), 8)).toEqual([0, 3, 6, 9, 12, 15, 18]);
    expect(axisTicks(points(1000), 8).length).toBeLessThanOrEqual(8);
  });
});
