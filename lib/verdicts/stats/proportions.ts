import { twoSidedNormalP } from "@/lib/verdicts/stats/normal";

export interface ProportionTestResult {
  pValue: number;
  method: "fisher" | "two-proportion z";
}

/** ln(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
}

/**
 * Fisher's exact test of a 2×2 table (failures and successes of two samples), two-sided: the
 * probability, with the margins fixed, of every table no more likely than the one seen.
 */
export function fisherExact(failuresA: number, totalA: number, failuresB: number, totalB: number): number {
  const failures = failuresA + failuresB;
  const total = totalA + totalB;
  const lf = logFactorials(total);
  // Hypergeometric: x of sample A's totalA among the failures.
  const logP = (x: number) =>
    lf[failures]! + lf[total - failures]! + lf[totalA]! + lf[totalB]! - lf[total]! - lf[x]! - lf[failures - x]! - lf[totalA - x]! - lf[totalB - failures + x]!;
  const observed = logP(failuresA);
  let pValue = 0;
  for (let x = Math.max(0, failures - totalB); x <= Math.min(failures, totalA); x++) {
    const lp = logP(x);
    // The relative tolerance keeps tables exactly as likely as the one seen, despite rounding.
    if (lp <= observed + 1e-7) pValue += Math.exp(lp);
  }
  return Math.min(1, pValue);
}

/** Whether the normal approximation may stand in for Fisher's test: every expected count at least 5. */
function largeEnough(failuresA: number, totalA: number, failuresB: number, totalB: number): boolean {
  const rate = (failuresA + failuresB) / (totalA + totalB);
  return Math.min(totalA, totalB) * Math.min(rate, 1 - rate) >= 5;
}

/**
 * Whether two samples fail at different rates: Fisher's exact test while any expected count is
 * under 5, the pooled two-proportion z-test beyond (where Fisher's sums grow and both agree).
 */
export function compareProportions(failuresA: number, totalA: number, failuresB: number, totalB: number): ProportionTestResult {
  if (totalA === 0 || totalB === 0) return { pValue: 1, method: "fisher" };
  if (!largeEnough(failuresA, totalA, failuresB, totalB)) return { pValue: fisherExact(failuresA, totalA, failuresB, totalB), method: "fisher" };
  const pooled = (failuresA + failuresB) / (totalA + totalB);
  const z = (failuresB / totalB - failuresA / totalA) / Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  return { pValue: twoSidedNormalP(z), method: "two-proportion z" };
}

/**
 * The difference of two rates (B − A) with Newcombe's hybrid score interval (method 10), built
 * from each rate's Wilson interval: it stays inside [−1, 1] and behaves at 0 and at tiny samples,
 * where the textbook Wald interval collapses.
 */
export function rateDifferenceInterval(failuresA: number, totalA: number, failuresB: number, totalB: number, z = 1.959963984540054): { estimate: number; low: number; high: number } {
  const wilson = (k: number, n: number) => {
    const p = k / n;
    const centre = p + (z * z) / (2 * n);
    const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    const scale = 1 + (z * z) / n;
    return { p, low: (centre - spread) / scale, high: (centre + spread) / scale };
  };
  const a = wilson(failuresA, totalA);
  const b = wilson(failuresB, totalB);
  const estimate = b.p - a.p;
  return {
    estimate,
    low: estimate - Math.sqrt((b.p - b.low) ** 2 + (a.high - a.p) ** 2),
    high: estimate + Math.sqrt((b.high - b.p) ** 2 + (a.p - a.low) ** 2),
  };
}
