import { describe, expect, it } from "vitest";
import type { DecodedExponentialHistogramPoint } from "@/collector/decode/model";
import { exponentialToExplicit } from "@/collector/normalize/exponential-buckets";

const point = (overrides: Partial<DecodedExponentialHistogramPoint>): DecodedExponentialHistogramPoint => ({
  attributes: {},
  startTimeUnixNano: 1n,
  timeUnixNano: 2n,
  count: 0,
  sum: null,
  min: null,
  max: null,
  scale: 0,
  zeroCount: 0,
  zeroThreshold: 0,
  positive: { offset: 0, bucketCounts: [] },
  negative: { offset: 0, bucketCounts: [] },
  flags: 0,
  ...overrides,
});

describe("exponential histogram buckets as explicit bounds", () => {
  it("puts positive bucket k at (base^k, base^(k+1)] (scale 0: base 2)", () => {
    // Buckets 1, 2, 3: (2, 4], (4, 8], (8, 16].
    const explicit = exponentialToExplicit(point({ positive: { offset: 1, bucketCounts: [3, 0, 5] }, zeroCount: 1 }));
    expect(explicit).toEqual({ bounds: [0, 2, 4, 8, 16], counts: [1, 0, 3, 0, 5, 0] });
  });

  it("uses base 2^(2^-scale): scale 1 gives √2-wide buckets", () => {
    const explicit = exponentialToExplicit(point({ scale: 1, positive: { offset: 2, bucketCounts: [4] } }));
    expect(explicit!.bounds[1]).toBeCloseTo(2, 12);
    expect(explicit!.bounds[2]).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(explicit!.counts).toEqual([0, 0, 4, 0]);
  });

  it("orders negative buckets below the zero bucket, most negative first", () => {
    // Negative bucket 1 holds [-4, -2), bucket 2 holds [-8, -4).
    const explicit = exponentialToExplicit(point({ negative: { offset: 1, bucketCounts: [2, 7] }, zeroCount: 3, positive: { offset: 0, bucketCounts: [1] } }));
    expect(explicit).toEqual({ bounds: [-8, -4, -2, 0, 1, 2], counts: [0, 7, 2, 3, 0, 1, 0] });
  });

  it("keeps a zero threshold as the zero bucket's edges", () => {
    const explicit = exponentialToExplicit(point({ zeroThreshold: 0.5, zeroCount: 4, negative: { offset: 0, bucketCounts: [1] }, positive: { offset: 0, bucketCounts: [2] } }));
    expect(explicit).toEqual({ bounds: [-2, -1, -0.5, 0.5, 1, 2], counts: [0, 1, 0, 4, 0, 2, 0] });
  });

  it("folds a bound that is not above the last one into the bucket below it (a threshold wider than the first bucket)", () => {
    const explicit = exponentialToExplicit(point({ zeroThreshold: 3, zeroCount: 1, positive: { offset: 0, bucketCounts: [2, 5] } }));
    // Bounds 1 and 2 are inside the zero bucket (up to 3): their counts join it; then (3, 4].
    expect(explicit).toEqual({ bounds: [3, 4], counts: [3, 5, 0] });
  });

  it("refuses scales outside -10..20 and offsets whose bounds are not finite", () => {
    expect(exponentialToExplicit(point({ scale: 21 }))).toBeNull();
    expect(exponentialToExplicit(point({ scale: -11 }))).toBeNull();
    expect(exponentialToExplicit(point({ scale: 0, positive: { offset: 2_000, bucketCounts: [1] } }))).toBeNull();
  });
});
