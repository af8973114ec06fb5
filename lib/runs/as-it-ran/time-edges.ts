/** What time-order inference needs of an activation (exact nanoseconds). */
export interface TimedActivation {
  id: string;
  start: bigint;
  end: bigint;
}

/**
 * Last resort for a run with no ledger: each activation nothing reaches follows the one that
 * finished last before it started (or, when all overlap, the one that started last before it).
 * `activations` are in start order; returns [source, target] index pairs. O(n log n).
 */
export function inferTimeEdges(activations: readonly TimedActivation[], hasIncoming: (id: string) => boolean): [number, number][] {
  const byEnd = activations.map((_, i) => i).sort((a, b) => cmp(activations[a]!.end, activations[b]!.end) || a - b);
  const pairs: [number, number][] = [];
  for (let i = 1; i < activations.length; i++) {
    const a = activations[i]!;
    if (hasIncoming(a.id)) continue;
    // Latest end at or before this start, among activations that started earlier.
    let lo = 0;
    let hi = byEnd.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (activations[byEnd[mid]!]!.end <= a.start) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    while (k >= 0 && byEnd[k]! >= i) k--;
    pairs.push([k >= 0 ? byEnd[k]! : i - 1, i]);
  }
  return pairs;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
