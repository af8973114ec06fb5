import { errorFunction } from "simple-statistics";

/**
 * Two-sided p-value of a standard normal statistic. simple-statistics' error function is accurate
 * to about 1.2e-7: p-values are compared with thresholds of 1e-4 and more, never that fine.
 */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return 1;
  return Math.min(1, 1 - errorFunction(Math.abs(z) / Math.SQRT2));
}

/** The z whose two-sided p-value is 1 − confidence (1.96 for 0.95), by bisection on twoSidedNormalP. */
export function twoSidedCriticalZ(confidence: number): number {
  let low = 0;
  let high = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (twoSidedNormalP(mid) > 1 - confidence) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
