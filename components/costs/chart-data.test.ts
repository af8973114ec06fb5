import { describe, expect, it } from "vitest";
import type { CostPerRunTrend, SpendOverTime, SpendSeries } from "@/lib/costs/types";
import { BUCKET_MS, bucketStarts, perRunSummary, rowTotal, spendSummary, toPerRunChart, toSpendChart } from "@/components/costs/chart-data";
import { flattenRows, seriesDataKey } from "@/components/costs/chart-rows";
import { OTHER_COLOR, PALETTE } from "@/components/costs/palette";

const series = (key: string, totalUsd: number, label = key): SpendSeries => ({ key, label, workload: null, logicId: null, totalUsd });
const D1 = "2025-11-20T00:00:00.000Z";
const D2 = "2025-11-21T00:00:00.000Z";
const D3 = "2025-11-22T00:00:00.000Z";

const spend = (over: Partial<SpendOverTime> = {}): SpendOverTime => ({
  by: "workload",
  bucket: "day",
  windowStart: null,
  series: [series("a", 3), series("gpt-4.1", 2), series("other", 1, "Other")],
  points: [
    { start: D1, values: { a: 1, other: 1 }, totalUsd: 2 },
    { start: D2, values: { a: 2, "gpt-4.1": 2 }, totalUsd: 4 },
  ],
  totalUsd: 6,
  runCount: 10,
  ...over,
});

describe("toSpendChart", () => {
  it("keeps series order, colours named series from the palette and Other grey", () => {
    const data = toSpendChart(spend());
    expect(data.series).toEqual([
      { key: "a", label: "a", color: PALETTE[0] },
      { key: "gpt-4.1", label: "gpt-4.1", color: PALETTE[1] },
      { key: "other", label: "Other", color: OTHER_COLOR },
    ]);
  });

  it("gives each bucket one value per series, null where it spent nothing", () => {
    const data = toSpendChart(spend());
    expect(data.rows).toEqual([
      { start: D1, values: [1, null, 1] },
      { start: D2, values: [2, 2, null] },
    ]);
    expect(data.rows.map(rowTotal)).toEqual([2, 4]);
  });

  it("does not read inherited properties as spend", () => {
    const data = toSpendChart(spend({ series: [series("constructor", 1)], points: [{ start: D1, values: {}, totalUsd: 0 }] }));
    expect(data.rows[0]!.values).toEqual([null]);
  });
});

describe("toPerRunChart", () => {
  const trend = (points: CostPerRunTrend["points"], workloads = ["a", "b"]): CostPerRunTrend => ({ bucket: "day", windowStart: null, workloads, points });

  it("puts back the buckets with no finished run as gaps", () => {
    const data = toPerRunChart(trend([{ start: D1, values: { a: 0.5 } }, { start: D3, values: { a: 0.25, b: 1 } }]));
    expect(data.series.map((s) => s.color)).toEqual([PALETTE[0], PALETTE[1]]);
    expect(data.rows).toEqual([
      { start: D1, values: [0.5, null] },
      { start: D2, values: [null, null] },
      { start: D3, values: [0.25, 1] },
    ]);
  });

  it("is empty without points", () => {
    expect(toPerRunChart(trend([], [])).rows).toEqual([]);
  });
});

describe("bucketStarts", () => {
  it("steps by a day or a week from the earliest to the latest start", () => {
    const start = Date.parse(D1);
    expect(bucketStarts([start + 2 * BUCKET_MS.day, start], "day")).toEqual([start, start + BUCKET_MS.day, start + 2 * BUCKET_MS.day]);
    expect(bucketStarts([start, start + 2 * BUCKET_MS.week], "week")).toHaveLength(3);
    expect(bucketStarts([], "day")).toEqual([]);
  });
});

describe("flattenRows", () => {
  it("keys values by series position, so dotted series keys are safe as recharts data keys", () => {
    expect(flattenRows(toSpendChart(spend()).rows)).toEqual([
      { start: D1, s0: 1, s1: null, s2: 1 },
      { start: D2, s0: 2, s1: 2, s2: null },
    ]);
    expect(seriesDataKey(3)).toBe("s3");
  });
});

describe("summaries", () => {
  it("describe the spend chart: what, total, peak and the largest series", () => {
    expect(spendSummary(toSpendChart(spend()), "workload", 6, "the last 30 days")).toBe(
      "Daily spend by workload over the last 30 days, stacked bars: $6.00 in total, highest Nov 21, 2025 at $4.00. Largest: a, gpt-4.1, Other.",
    );
  });

  it("skip the peak when nothing was spent", () => {
    expect(spendSummary(toSpendChart(spend({ series: [], points: [], totalUsd: 0 })), "model", 0, "all time")).toBe(
      "Daily spend by model over all time, stacked bars: $0.00 in total.",
    );
  });

  it("describe the cost-per-run chart", () => {
    const data = toPerRunChart({ bucket: "week", windowStart: null, workloads: ["a", "b"], points: [{ start: D1, values: { a: 1 } }] });
    expect(perRunSummary(data, "the last 7 days")).toBe("Weekly average cost of a finished run over the last 7 days, one line per workload (2): a, b.");
  });
});
