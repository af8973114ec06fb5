import { describe, expect, it } from "vitest";
import { buildCostPerRun, buildSpendOverTime, MAX_SERIES, OTHER_KEY, OTHER_RANK, type SpendGroupRow } from "@/lib/costs/spend-series";

const DAY = 86_400_000_000_000n;
const D0 = BigInt(Date.parse("2026-11-02T00:00:00Z")) * 1_000_000n;
const row = (day: number, a: string, cost: number, runs = 1, rank = 1): SpendGroupRow => ({
  bucket: String(D0 + BigInt(day) * DAY),
  rank,
  a,
  b: null,
  version: null,
  cost: String(cost),
  runs: String(runs),
});

describe("buildSpendOverTime", () => {
  it("draws the series in the database's rank order, other last, and fills every day of the window", () => {
    // As spendRows ranks them: w8 largest ... w2, then w1 and w0 summed per day as other.
    const rows = [
      ...Array.from({ length: MAX_SERIES }, (_, i) => row(i % 2, `w${8 - i}`, 18 - i, 1, i + 1)),
      row(1, "", 11, 1, OTHER_RANK),
      row(0, "", 10, 1, OTHER_RANK),
    ];
    const window = { fromNs: D0, toNs: D0 + 3n * DAY };
    const spend = buildSpendOverTime(rows.reverse(), "workload", "day", window, 0);
    expect(spend.series.map((s) => s.key)).toEqual(["w8", "w7", "w6", "w5", "w4", "w3", "w2", OTHER_KEY]);
    expect(spend.series.at(-1)).toEqual({ key: OTHER_KEY, label: "Other", workload: null, logicId: null, totalUsd: 10 + 11 });
    expect(spend.points.map((p) => p.start)).toEqual(["2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z", "2026-11-04T00:00:00.000Z"]);
    expect(spend.points[0]!.values[OTHER_KEY]).toBe(10);
    expect(spend.points[1]!.values[OTHER_KEY]).toBe(11);
    expect(spend.totalUsd).toBe(spend.points.reduce((sum, p) => sum + p.totalUsd, 0));
    expect(spend.runCount).toBe(MAX_SERIES + 2);
  });

  it("leaves other out when it holds only the runs of series without spend", () => {
    const spend = buildSpendOverTime([row(0, "w", 2), row(0, "", 0, 3, OTHER_RANK)], "workload", "day", { fromNs: D0, toNs: D0 + DAY }, 0);
    expect(spend.series.map((s) => s.key)).toEqual(["w"]);
    expect(spend.points[0]!.values).toEqual({ w: 2 });
    expect(spend.runCount).toBe(4);
  });

  it("labels models with their vendor and versions with their version string", () => {
    const model = buildSpendOverTime([{ ...row(0, "openai", 1), b: "gpt-4o" }], "model", "day", {}, 0);
    expect(model.series[0]?.label).toBe("gpt-4o (openai)");
    const version = buildSpendOverTime([{ ...row(0, "qa", 1), b: "abcdef0123456789", version: "1.2" }], "version", "day", {}, 0);
    expect(version.series[0]).toMatchObject({ label: "qa 1.2 · abcdef01", workload: "qa", logicId: "abcdef0123456789" });
  });
});

describe("buildCostPerRun", () => {
  it("averages cost per run per bucket for the workloads the rows name", () => {
    const trend = buildCostPerRun([
      { bucket: String(D0), workload: "a", cost: "3", runs: "2" },
      { bucket: String(D0 + DAY), workload: "a", cost: "1", runs: "1" },
      { bucket: String(D0), workload: "b", cost: "9", runs: "3" },
      // A top workload with no run in the buckets drawn is still listed.
      { bucket: null, workload: "0-old", cost: null, runs: null },
    ]);
    expect(trend.workloads).toEqual(["0-old", "a", "b"]);
    expect(trend.points).toEqual([
      { start: "2026-11-02T00:00:00.000Z", values: { a: 1.5, b: 3 } },
      { start: "2026-11-03T00:00:00.000Z", values: { a: 1 } },
    ]);
  });
});
