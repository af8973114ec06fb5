/** An activation's time span, as nanosecond strings (as stored). */
export interface Timed {
  startNs: string;
  endNs: string;
}

/**
 * A lookup over activations sorted by start: the only one running at a time (start - slack ≤ at ≤
 * end + slack), or null when none or several are. O(log N) per lookup, where filtering every
 * activation per token was quadratic in a node that ran thousands of times.
 *
 * Among the activations started by `at`, the one that ends last runs at `at` if any does; a second
 * runs too exactly when the second-latest end reaches `at`. So two prefix maxima answer it, whatever
 * the data (an end before its start included).
 */
export function onlyRunningAt<T extends Timed>(sortedByStart: readonly T[], slackNs: bigint): (at: bigint) => T | null {
  const starts = sortedByStart.map((a) => BigInt(a.startNs) - slackNs);
  const top1: number[] = [];
  const top2: (number | null)[] = [];
  const ends = sortedByStart.map((a) => BigInt(a.endNs) + slackNs);
  let first = -1;
  let second: number | null = null;
  ends.forEach((end, i) => {
    if (first < 0 || end > ends[first]!) {
      second = first < 0 ? null : first;
      first = i;
    } else if (second === null || end > ends[second]!) {
      second = i;
    }
    top1.push(first);
    top2.push(second);
  });
  return (at) => {
    // The last activation started by `at` (starts ascend: the list is sorted by start).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const latest = top1[lo - 1]!;
    const next = top2[lo - 1]!;
    if (ends[latest]! < at) return null;
    if (next !== null && ends[next]! >= at) return null;
    return sortedByStart[latest]!;
  };
}
