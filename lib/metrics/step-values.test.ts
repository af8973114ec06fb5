import { describe, expect, it } from "vitest";
import { cumulativeDeltas, cumulativeRates, deltaDistributions, distributionPoint, type StepSample } from "@/lib/metrics/step-values";

const S = 1_000_000_000n;
const sample = (step: number, seconds: number, value: number | null, start: number | null = 0, extra: Partial<StepSample> = {}): StepSample => ({
  step,
  timeNs: BigInt(seconds) * S,
  startNs: start === null ? null : BigInt(start) * S,
  value,
  count: null,
  sum: null,
  min: null,
  max: null,
  buckets: null,
  ...extra,
});

describe("counter rates from cumulative points", () => {
  it("divides each step's increase by the time since the previous step's last point", () => {
    // Read from t=100; the series started long before (t=0), so its first point only anchors.
    const rates = cumulativeRates([sample(0, 100, 50), sample(1, 160, 110), sample(3, 280, 230)], 100n * S);
    expect([...rates]).toEqual([[1, 1], [3, 1]]);
  });

  it("counts from the series' start when it began inside what was read, and after a restart", () => {
    const rates = cumulativeRates([sample(1, 130, 30, 100), sample(2, 190, 10, 180)], 50n * S);
    // Started at 100: 30 in 30 s. Restarted at 180 (its start moved, its value dropped): 10 in 10 s.
    expect([...rates]).toEqual([[1, 1], [2, 1]]);
  });

  it("does not count from a point without a value (a staleness marker)", () => {
    const rates = cumulativeRates([sample(0, 100, 1000), sample(1, 130, null), sample(2, 160, 1060)], 100n * S);
    expect([...rates]).toEqual([[2, 1]]);
  });

  it("has no rate for a first point whose series began before the window", () => {
    expect(cumulativeRates([sample(1, 130, 30, 0)], 100n * S).size).toBe(0);
  });
});

describe("histogram steps", () => {
  const hist = (step: number, seconds: number, count: number, counts: number[], start = 0) =>
    sample(step, seconds, null, start, { count, sum: count * 2, buckets: { bounds: [1, 5], counts } });

  it("takes each cumulative step's delta from the previous step's last point", () => {
    const deltas = cumulativeDeltas([hist(0, 100, 4, [1, 3, 0]), hist(1, 160, 10, [2, 6, 2])], 100n * S);
    expect(deltas.get(1)).toEqual({ count: 6, sum: 12, min: null, max: null, buckets: { bounds: [1, 5], counts: [1, 3, 2] } });
  });

  it("does not count from a histogram point without observations' count, and shows no quantiles for buckets that only appear now", () => {
    const deltas = cumulativeDeltas([hist(0, 100, 1000, [500, 500, 0]), sample(1, 130, null, 0), hist(2, 160, 1001, [500, 501, 0])], 100n * S);
    expect([...deltas.keys()]).toEqual([2]);
    expect(deltas.get(2)).toMatchObject({ count: 1, buckets: { counts: [0, 1, 0] } });
    const appearing = cumulativeDeltas([sample(0, 100, null, 0, { count: 4, sum: 8 }), hist(1, 160, 10, [2, 6, 2])], 100n * S);
    expect(appearing.get(1)).toMatchObject({ count: 6, buckets: null });
  });

  it("adds every delta point of a step, keeping min and max", () => {
    const steps = deltaDistributions([
      sample(1, 110, null, 100, { count: 2, sum: 3, min: 1, max: 2, buckets: { bounds: [1, 5], counts: [1, 1, 0] } }),
      sample(1, 120, null, 110, { count: 1, sum: 9, min: 9, max: 9, buckets: { bounds: [1, 5], counts: [0, 0, 1] } }),
    ]);
    expect(steps.get(1)).toEqual({ count: 3, sum: 12, min: 1, max: 9, buckets: { bounds: [1, 5], counts: [1, 1, 1] } });
  });

  it("charts a step's count, mean and quantiles", () => {
    const point = distributionPoint("t", [{ count: 4, sum: 10, min: null, max: null, buckets: { bounds: [2, 4], counts: [2, 2, 0] } }]);
    expect(point).toMatchObject({ time: "t", value: null, count: 4, mean: 2.5, p50: 2, min: null, max: null });
    // Rank 3.8 of 4: 1.8 of the 2 in (2, 4].
    expect(point.p95).toBeCloseTo(3.8, 9);
  });
});
