import { describe, expect, it } from "vitest";
import { BucketSum, subtractBuckets } from "@/lib/metrics/histogram";

describe("histogram buckets", () => {
  it("estimates quantiles linearly within the bucket, the first bucket starting at 0", () => {
    const sum = new BucketSum();
    // 10 values in (0, 10], 30 in (10, 20], 60 in (20, 50].
    sum.add({ bounds: [10, 20, 50], counts: [10, 30, 60, 0] });
    expect(sum.total).toBe(100);
    expect(sum.quantile(0.05)).toBe(5);
    expect(sum.quantile(0.25)).toBe(15);
    expect(sum.quantile(0.7)).toBe(35);
    expect(sum.quantile(1)).toBe(50);
  });

  it("answers the highest finite bound for a quantile in the overflow bucket, or the max when known", () => {
    const sum = new BucketSum();
    sum.add({ bounds: [10], counts: [1, 9] });
    expect(sum.quantile(0.99)).toBe(10);
    // Rank 9.9 of 10: 8.9 of the overflow bucket's 9, which runs from 10 to the max, 40.
    expect(sum.quantile(0.99, 2, 40)).toBeCloseTo(10 + 30 * (8.9 / 9), 9);
  });

  it("keeps empty buckets' bounds as their neighbours' edges", () => {
    const low = new BucketSum();
    low.add({ bounds: [10, 20, 30], counts: [0, 0, 5, 0] });
    // All five in (20, 30]: the median is its middle, not (0, 30]'s.
    expect(low.quantile(0.5)).toBe(25);
    const split = new BucketSum();
    split.add({ bounds: [10, 20, 30], counts: [5, 0, 0, 5] });
    // Rank 9.9: in the overflow bucket above 30, the highest finite bound.
    expect(split.quantile(0.99)).toBe(30);
    expect(split.quantile(0.25)).toBe(5);
  });

  it("narrows the outer buckets to min and max", () => {
    const sum = new BucketSum();
    sum.add({ bounds: [100], counts: [4, 0] });
    // Without min: (0, 100]; with min 60 and max 80: (60, 80].
    expect(sum.quantile(0.5)).toBe(50);
    expect(sum.quantile(0.5, 60, 80)).toBe(70);
  });

  it("adds histograms with different bounds by bound, and is empty without counts", () => {
    const sum = new BucketSum();
    expect(sum.quantile(0.5)).toBeNull();
    sum.add({ bounds: [1, 2], counts: [1, 1, 0] });
    sum.add({ bounds: [2, 4], counts: [2, 0, 0] });
    // (0,1]: 1, (1,2]: 3.
    expect(sum.total).toBe(4);
    expect(sum.quantile(0.25)).toBe(1);
    expect(sum.quantile(1)).toBe(2);
  });

  it("subtracts an earlier cumulative point, mapping rescaled buckets into the later ones", () => {
    expect(subtractBuckets({ bounds: [1, 2], counts: [5, 7, 1] }, { bounds: [1, 2], counts: [2, 3, 0] })).toEqual({ bounds: [1, 2], counts: [3, 4, 1] });
    // An exponential histogram downscaled between points: (1,2] and (2,4] became (1,4].
    expect(subtractBuckets({ bounds: [1, 4], counts: [1, 10, 0] }, { bounds: [1, 2, 4], counts: [1, 3, 4, 0] })).toEqual({ bounds: [1, 4], counts: [0, 3, 0] });
  });
});
