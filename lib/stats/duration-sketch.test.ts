import { describe, expect, it } from "vitest";
import { binOf, emptySketch, mergeSketches, quantileOf, RELATIVE_ACCURACY, sketchFromStored, sketchOf, storedSketch, valueOfBin } from "@/lib/stats/duration-sketch";

/** percentile_cont over exact values, the figure the sketch stands in for. */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (rank - lower) * (sorted[upper]! - sorted[lower]!);
}

describe("duration sketch", () => {
  it("gives every duration a bin whose value is within the relative accuracy", () => {
    for (const duration of [1, 7, 999, 1_000_000, 123_456_789, 86_400_000_000_000, 9.2e18]) {
      const value = valueOfBin(binOf(duration));
      expect(Math.abs(value - duration) / duration).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12);
    }
    expect(binOf(0)).toBe(0);
    expect(binOf(-5)).toBe(0);
    expect(valueOfBin(0)).toBe(0);
  });

  it("reads quantiles within 1% of percentile_cont over the exact values", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const durations = Array.from({ length: 5000 }, () => Math.round(1e6 * Math.exp(random() * 8)));
    const sketch = sketchOf(durations);
    expect(sketch.bins.length).toBeLessThan(500);
    for (const q of [0, 0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = exactQuantile(durations, q);
      expect(Math.abs(quantileOf(sketch, q)! - exact) / exact).toBeLessThan(0.011);
    }
  });

  it("interpolates between ranks for small samples as percentile_cont does", () => {
    const p50 = quantileOf(sketchOf([300, 200]), 0.5)!;
    expect(Math.abs(p50 - 250) / 250).toBeLessThan(0.011);
    expect(quantileOf(emptySketch(), 0.5)).toBeNull();
  });

  it("reads the first and last ranks exactly with the bounds, and never leaves them", () => {
    const same = sketchOf([600e6, 600e6, 600e6]);
    expect(quantileOf(same, 0.5)).not.toBe(600e6);
    expect(quantileOf(same, 0.5, { min: 600e6, max: 600e6 })).toBe(600e6);
    const spread = sketchOf([10, 20, 30, 40]);
    expect(quantileOf(spread, 0, { min: 10, max: 40 })).toBe(10);
    expect(quantileOf(spread, 1, { min: 10, max: 40 })).toBe(40);
    expect(Math.abs(quantileOf(spread, 0.5, { min: 10, max: 40 })! - 25) / 25).toBeLessThan(0.01);
  });

  it("merges sketches by adding counts, whatever the order", () => {
    const a = sketchOf([100, 200, 200, 5000]);
    const b = sketchOf([200, 7, 5000]);
    const merged = mergeSketches(a, b);
    expect(merged).toEqual(sketchOf([100, 200, 200, 5000, 200, 7, 5000]));
    expect(mergeSketches(b, a)).toEqual(merged);
    expect(merged.counts.reduce((s, c) => s + c, 0)).toBe(7);
  });

  it("stores no sketch when every activation is in the shortest one's bin, and reads it back the same", () => {
    for (const durations of [[5_000_000], [700, 701, 702], [0], [100, 200, 200, 5000], [300, 200]]) {
      const sketch = sketchOf(durations);
      const min = Math.min(...durations);
      const stored = storedSketch(sketch, min);
      expect(stored.bins === null).toBe(new Set(durations.map(binOf)).size === 1);
      expect(stored.counts === null).toBe(stored.bins === null);
      expect(sketchFromStored(stored.bins, stored.counts, min, durations.length)).toEqual(sketch);
    }
    // Rows from before the minimum was kept carry their sketch, or none at all.
    expect(storedSketch(sketchOf([100]), null)).toEqual({ bins: sketchOf([100]).bins, counts: [1] });
    expect(sketchFromStored(null, null, null, 0)).toEqual(emptySketch());
  });
});
