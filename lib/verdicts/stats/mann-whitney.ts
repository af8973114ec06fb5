import { twoSidedNormalP } from "@/lib/verdicts/stats/normal";

export interface RankTestResult {
  /** U of the second sample: how often one of its values exceeds one of the first's (a tie counts half). */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: "exact" | "normal";
}

/** Up to this many values in each sample, with no ties, the p-value is counted exactly. */
const EXACT_MAX = 25;

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test of whether one sample tends to hold larger values
 * than the other. Small samples without ties get the exact distribution of U; otherwise the
 * normal approximation with the tie correction of the variance and a continuity correction.
 */
export function mannWhitney(first: readonly number[], second: readonly number[]): RankTestResult {
  const m = first.length;
  const n = second.length;
  if (m === 0 || n === 0) return { u: 0, pValue: 1, method: "normal" };
  const all = [...first.map((value) => ({ value, second: false })), ...second.map((value) => ({ value, second: true }))].sort((a, b) => a.value - b.value);
  let secondRankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j++;
    // Positions i..j share the mean of ranks i+1..j+1.
    const rank = (i + j + 2) / 2;
    const tied = j - i + 1;
    tieTerm += tied ** 3 - tied;
    for (let k = i; k <= j; k++) if (all[k]!.second) secondRankSum += rank;
    i = j + 1;
  }
  const u = secondRankSum - (n * (n + 1)) / 2;
  if (tieTerm === 0 && m <= EXACT_MAX && n <= EXACT_MAX) return { u, pValue: exactP(m, n, u), method: "exact" };

  const total = m + n;
  const mean = (m * n) / 2;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return { u, pValue: 1, method: "normal" };
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  return { u, pValue: twoSidedNormalP(distance / Math.sqrt(variance)), method: "normal" };
}

/**
 * Two-sided exact p-value of U for samples of m and n values without ties: 2 × the smaller tail,
 * from the number of arrangements giving each U (counts[u] for m, n built up one value at a time).
 */
function exactP(m: number, n: number, u: number): number {
  const max = m * n;
  // ways[j][k]: arrangements of j values of one sample and all n of the other giving U = k.
  let previous: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(max + 1));
  for (let j = 0; j <= n; j++) previous[j]![0] = 1;
  for (let i = 1; i <= m; i++) {
    const current: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(max + 1));
    current[0]![0] = 1;
    for (let j = 1; j <= n; j++) {
      const row = current[j]!;
      const withoutLast = current[j - 1]!;
      const lastFromFirst = previous[j]!;
      for (let k = 0; k <= i * j; k++) row[k] = withoutLast[k]! + (k >= j ? lastFromFirst[k - j]! : 0);
    }
    previous = current;
  }
  const counts = previous[n]!;
  let total = 0;
  let below = 0;
  let above = 0;
  for (let k = 0; k <= max; k++) {
    total += counts[k]!;
    if (k <= u) below += counts[k]!;
    if (k >= u) above += counts[k]!;
  }
  return Math.min(1, (2 * Math.min(below, above)) / total);
}
