import { describe, expect, it } from "vitest";
import { gaussian, seededRandom } from "@/lib/stats/seeded-random";
import { bootstrapRelativeChange, sampleStatistic } from "@/lib/verdicts/stats/bootstrap";
import { holmAdjust } from "@/lib/verdicts/stats/holm";
import { mannWhitney } from "@/lib/verdicts/stats/mann-whitney";
import { twoSidedCriticalZ, twoSidedNormalP } from "@/lib/verdicts/stats/normal";
import { compareProportions, fisherExact, rateDifferenceInterval } from "@/lib/verdicts/stats/proportions";

describe("the normal tail", () => {
  it("gives the textbook two-sided p-values and critical values", () => {
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(twoSidedNormalP(0)).toBeCloseTo(1, 6);
    expect(twoSidedNormalP(-2.5758293035489004)).toBeCloseTo(0.01, 6);
    expect(twoSidedCriticalZ(0.95)).toBeCloseTo(1.96, 2);
    expect(twoSidedCriticalZ(0.99)).toBeCloseTo(2.5758, 3);
  });
});

describe("mannWhitney", () => {
  it("counts the exact distribution for small samples without ties", () => {
    // All 3 of the second sample above all of the first: 1 arrangement in C(6,3) = 20 each way.
    expect(mannWhitney([1, 2, 3], [4, 5, 6])).toEqual({ u: 9, pValue: 0.1, method: "exact" });
    expect(mannWhitney([4, 5, 6], [1, 2, 3])).toEqual({ u: 0, pValue: 0.1, method: "exact" });
    // U = 1 of 4 × 4: P(U ≤ 1) = 2/70 (U = 0 and U = 1 one arrangement each), two-sided 4/70.
    expect(mannWhitney([5, 7, 8, 9], [1, 2, 3, 6]).pValue).toBeCloseTo(4 / 70, 12);
    // Interleaved samples: U at its mean, p = 1.
    expect(mannWhitney([1, 4, 5, 8], [2, 3, 6, 7]).pValue).toBe(1);
  });

  it("uses mid-ranks and the tie-corrected variance when values tie", () => {
    // Ranks: 1 → 1; the three 2s → 3; 3 → 5; 4 → 6. R(second) = 3 + 5 + 6 = 14, U = 14 − 6 = 8.
    // Var = (9/12)(7 − 24/30) = 4.65; z = (8 − 4.5 − 0.5)/√4.65 = 1.3912; p = 0.1642.
    const result = mannWhitney([1, 2, 2], [2, 3, 4]);
    expect(result.method).toBe("normal");
    expect(result.u).toBe(8);
    expect(result.pValue).toBeCloseTo(0.1642, 4);
  });

  it("never flags identical samples, and finds a twofold shift", () => {
    const same = Array.from({ length: 40 }, (_, i) => 100 + i);
    expect(mannWhitney(same, same).pValue).toBe(1);
    expect(mannWhitney([5, 5, 5], [5, 5, 5]).pValue).toBe(1);
    const random = seededRandom(7);
    const a = Array.from({ length: 30 }, () => 1000 * Math.exp(0.3 * gaussian(random)));
    const b = Array.from({ length: 30 }, () => 2000 * Math.exp(0.3 * gaussian(random)));
    expect(mannWhitney(a, b).pValue).toBeLessThan(1e-6);
  });

  it("matches the exact test closely past the exact range", () => {
    const a = Array.from({ length: 30 }, (_, i) => i * 2);
    const b = Array.from({ length: 30 }, (_, i) => i * 2 + 9);
    // Large-sample normal approximation: U = 30·30/2 + 30·4.5 − …; compare with the formula directly.
    const result = mannWhitney(a, b);
    const u = result.u;
    const z = (Math.abs(u - 450) - 0.5) / Math.sqrt((900 / 12) * 61);
    expect(result.method).toBe("normal");
    expect(result.pValue).toBeCloseTo(twoSidedNormalP(z), 10);
  });
});

describe("fisherExact and compareProportions", () => {
  it("gives the textbook two-sided p of a 2×2 table", () => {
    // The lady-tasting-tea style table [[1, 9], [11, 3]]: p = 0.002759.
    expect(fisherExact(1, 10, 11, 14)).toBeCloseTo(0.002759, 5);
    // Identical rates: nothing more extreme than what was seen is less likely, p = 1.
    expect(fisherExact(2, 20, 2, 20)).toBeCloseTo(1, 10);
    expect(fisherExact(0, 5, 0, 5)).toBeCloseTo(1, 10);
  });

  it("uses Fisher for small counts and the z-test for large ones", () => {
    expect(compareProportions(1, 20, 4, 20).method).toBe("fisher");
    const large = compareProportions(100, 1000, 150, 1000);
    expect(large.method).toBe("two-proportion z");
    // Pooled p = 0.125; z = 0.05 / √(0.125·0.875·0.002) = 3.3806; p = 0.000723.
    expect(large.pValue).toBeCloseTo(0.000723, 5);
  });

  it("bounds a rate difference with Newcombe's interval, inside [−1, 1] even at 0", () => {
    const none = rateDifferenceInterval(0, 20, 0, 20);
    expect(none.estimate).toBe(0);
    expect(none.low).toBeLessThan(0);
    expect(none.high).toBeGreaterThan(0);
    // Newcombe (1998), table II, example (a): 56/70 vs 48/80 → difference 0.2, interval 0.0524 to 0.3339.
    const example = rateDifferenceInterval(48, 80, 56, 70);
    expect(example.estimate).toBeCloseTo(0.2, 10);
    expect(example.low).toBeCloseTo(0.0524, 3);
    expect(example.high).toBeCloseTo(0.3339, 3);
  });
});

describe("holmAdjust", () => {
  it("multiplies the smallest p by the count, the next by one less, and keeps the order monotone", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe("bootstrapRelativeChange", () => {
  it("estimates the change of a quantile or mean with an interval around it", () => {
    const random = seededRandom(11);
    const a = Array.from({ length: 200 }, () => 1000 * Math.exp(0.2 * gaussian(random)));
    const b = a.map((value) => value * 1.5);
    const median = bootstrapRelativeChange(a, b, { kind: "quantile", q: 0.5 }, { random: seededRandom(3) })!;
    expect(median.estimate).toBeCloseTo(0.5, 10);
    expect(median.low).toBeGreaterThan(0.3);
    expect(median.high).toBeLessThan(0.75);
    expect(median.low).toBeLessThan(0.5);
    expect(median.high).toBeGreaterThan(0.5);
    const mean = bootstrapRelativeChange(a, b, { kind: "mean" }, { random: seededRandom(3) })!;
    expect(mean.estimate).toBeCloseTo(0.5, 10);
  });

  it("reads quantiles as interpolated order statistics and has no relative change from 0", () => {
    expect(sampleStatistic([4, 1, 3, 2], { kind: "quantile", q: 0.5 })).toBe(2.5);
    expect(sampleStatistic([4, 1, 3, 2], { kind: "quantile", q: 1 })).toBe(4);
    expect(sampleStatistic([4, 1, 3, 2], { kind: "mean" })).toBe(2.5);
    expect(bootstrapRelativeChange([0, 0], [1, 2], { kind: "mean" }, { random: seededRandom(1) })).toBeNull();
    expect(bootstrapRelativeChange([], [1], { kind: "mean" }, { random: seededRandom(1) })).toBeNull();
  });

  it("is the same on the same data and seed", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [2, 3, 4, 5, 6, 7, 8, 9];
    const once = bootstrapRelativeChange(a, b, { kind: "quantile", q: 0.95 }, { random: seededRandom(5) });
    expect(bootstrapRelativeChange(a, b, { kind: "quantile", q: 0.95 }, { random: seededRandom(5) })).toEqual(once);
  });
});
