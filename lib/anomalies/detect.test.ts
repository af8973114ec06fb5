import { describe, expect, it } from "vitest";
import { binomialUpperTail, detectAnomalies, robustZ, type NodeBucket } from "@/lib/anomalies/detect";
import { seededRandom } from "@/lib/stats/seeded-random";

const DAY = 86_400_000_000_000n;
const LOGIC_A = "aa".repeat(32);
const LOGIC_B = "bb".repeat(32);
const versions = new Map([
  [LOGIC_A, "1.0.0"],
  [LOGIC_B, "1.1.0"],
]);

/** `days` daily buckets of one node, durations within ±3% of `ms`, `errors` failures of `activations`. */
function days(count: number, options: { logicId?: string; node?: string; ms?: number; activations?: number; errors?: number; tokens?: number; from?: number } = {}): NodeBucket[] {
  const random = seededRandom(count * 7 + (options.from ?? 0));
  return Array.from({ length: count }, (_, i) => ({
    logicId: options.logicId ?? LOGIC_A,
    node: options.node ?? "writer",
    startNs: BigInt((options.from ?? 0) + i) * DAY,
    activations: options.activations ?? 10,
    errors: options.errors ?? 0,
    p50Ms: (options.ms ?? 1000) * (0.97 + 0.06 * random()),
    tokensPerActivation: (options.tokens ?? 500) * (0.97 + 0.06 * random()),
  }));
}

describe("detectAnomalies", () => {
  it("flags nothing in a steady series", () => {
    expect(detectAnomalies(days(30), 0n, versions)).toEqual([]);
  });

  it("flags a day twice as slow, against the median of the days before it", () => {
    const series = [...days(20), ...days(1, { from: 20, ms: 2000 }), ...days(5, { from: 21 })];
    const found = detectAnomalies(series, 0n, versions);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ node: "writer", logicId: LOGIC_A, version: "1.0.0", metric: "duration", direction: "higher", startNs: 20n * DAY, baselineBuckets: 14, activations: 10 });
    expect(found[0]!.baseline).toBeCloseTo(1000, -2);
    expect(found[0]!.score).toBeGreaterThan(3.5);
  });

  it("flags tokens that fell by half as lower", () => {
    const found = detectAnomalies([...days(10), ...days(1, { from: 10, tokens: 250 })], 0n, versions);
    expect(found.map((a) => [a.metric, a.direction])).toEqual([["tokens", "lower"]]);
  });

  it("does not flag on too little data: a short history, or a bucket of few activations", () => {
    expect(detectAnomalies([...days(6), ...days(1, { from: 6, ms: 5000 })], 0n, versions)).toEqual([]);
    expect(detectAnomalies([...days(10), ...days(1, { from: 10, ms: 5000, activations: 4 })], 0n, versions)).toEqual([]);
  });

  it("starts each logic id's baseline anew: a new version that is slower is not an anomaly of the old one", () => {
    const series = [...days(10), ...days(3, { from: 10, logicId: LOGIC_B, ms: 3000 })];
    expect(detectAnomalies(series, 0n, versions)).toEqual([]);
  });

  it("flags a burst of failures, not a single one, against a baseline that never failed", () => {
    const burst = detectAnomalies([...days(10), ...days(1, { from: 10, errors: 6 })], 0n, versions);
    expect(burst.map((a) => [a.metric, a.value, a.baseline])).toEqual([["error_rate", 0.6, 0]]);
    expect(burst[0]!.score).toBeLessThan(0.001);
    expect(detectAnomalies([...days(10), ...days(1, { from: 10, errors: 1 })], 0n, versions)).toEqual([]);
  });

  it("reports only buckets from the window's start; earlier ones are baseline", () => {
    const series = [...days(10), ...days(1, { from: 10, ms: 3000 }), ...days(10, { from: 11 })];
    expect(detectAnomalies(series, 11n * DAY, versions)).toEqual([]);
    expect(detectAnomalies(series, 10n * DAY, versions)).toHaveLength(1);
  });
});

describe("robustZ and binomialUpperTail", () => {
  it("scales by the MAD, floored at 5% of the median", () => {
    expect(robustZ(11, [10, 10, 10, 10, 10]).z).toBeCloseTo(1 / (1.4826 * 0.5), 10);
    // MAD of [1, 2, 3, 4, 100] around median 3 is 1: z of 10 = 7 / 1.4826.
    expect(robustZ(10, [1, 2, 3, 4, 100])).toEqual({ z: 7 / 1.4826, median: 3 });
  });

  it("gives the binomial tail", () => {
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    expect(binomialUpperTail(3, 3, 0.5)).toBeCloseTo(0.125, 12);
    expect(binomialUpperTail(0, 3, 0.5)).toBe(1);
    expect(binomialUpperTail(1, 10, 0.005)).toBeCloseTo(1 - 0.995 ** 10, 12);
  });
});
