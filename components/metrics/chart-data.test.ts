import { describe, expect, it } from "vitest";
import type { MetricGroup, MetricPoint } from "@/lib/metrics/types";
import { countsPerStep, toMetricChart } from "@/components/metrics/chart-data";

const T0 = Date.parse("2026-03-04T10:00:00Z");
const iso = (step: number) => new Date(T0 + step * 60_000).toISOString();

function point(step: number, fields: Partial<MetricPoint> = {}): MetricPoint {
  return { time: iso(step), value: null, count: null, mean: null, p50: null, p95: null, p99: null, min: null, max: null, ...fields };
}

function group(label: string, points: MetricPoint[]): MetricGroup {
  return { key: label === "all series" ? {} : { route: label }, label, seriesCount: 1, points };
}

describe("toMetricChart", () => {
  it("draws a line of values per group, one row per step", () => {
    const data = toMetricChart([group("/a", [point(0, { value: 1 }), point(1, { value: 2 })]), group("/b", [point(0), point(1, { value: 5 })])], "rate", true, "p95");
    expect(data.lines.map((l) => [l.label, l.figures])).toEqual([
      ["/a", 2],
      ["/b", 1],
    ]);
    expect(data.rows).toEqual([
      { time: T0, s0: 1, s1: null },
      { time: T0 + 60_000, s0: 2, s1: 5 },
    ]);
    expect(data.counts).toBeNull();
    expect(data.hasPoints).toBe(true);
  });

  it("draws p50, p95 and p99 of a distribution not grouped, and its observations per step", () => {
    const data = toMetricChart([group("all series", [point(0, { p50: 10, p95: 90, p99: 99, count: 20 }), point(1)])], "distribution", false, "p95");
    expect(data.lines.map((l) => l.label)).toEqual(["p50", "p95", "p99"]);
    expect(data.rows[0]).toEqual({ time: T0, s0: 10, s1: 90, s2: 99 });
    expect(data.counts).toEqual([
      { time: T0, count: 20 },
      { time: T0 + 60_000, count: null },
    ]);
  });

  it("draws the chosen quantile per group of a grouped distribution and sums their counts", () => {
    const data = toMetricChart([group("/a", [point(0, { p99: 7, count: 2 })]), group("/b", [point(0, { p99: 9, count: 3 })])], "distribution", true, "p99");
    expect(data.lines.map((l) => l.label)).toEqual(["/a", "/b"]);
    expect(data.rows).toEqual([{ time: T0, s0: 7, s1: 9 }]);
    expect(data.counts).toEqual([{ time: T0, count: 5 }]);
  });

  it("knows when there is nothing to draw", () => {
    expect(toMetricChart([group("all series", [point(0), point(1)])], "value", false, "p95").hasPoints).toBe(false);
    expect(toMetricChart([], "value", true, "p95")).toMatchObject({ lines: [], rows: [], hasPoints: false });
  });
});

describe("helpers", () => {
  it("counts nothing where no group observed anything", () => {
    expect(countsPerStep([group("/a", [point(0, { count: 0 })])])).toEqual([{ time: T0, count: 0 }]);
  });
});
