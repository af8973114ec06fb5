// Which of a list of time intervals, sorted by start, holds a moment: for matching LLM calls to the
// node activation they ran in when their parent link does not say.

export interface Interval {
  start: bigint;
  end: bigint;
}

export interface IntervalsByStart {
  /** The earliest start, and the latest end: outside them no interval holds anything. */
  first: bigint;
  last: bigint;
  /** The index of the first interval (in the given order) whose [start, end] holds `at`; -1 if none. O(log n). */
  firstHolding(at: bigint): number;
}

/**
 * `intervals` must be sorted by start. Among the intervals starting at or before a moment, the
 * first whose end reaches it is the first where the latest end so far does: two binary searches.
 */
export function intervalsByStart(intervals: readonly Interval[]): IntervalsByStart {
  const latestEnd: bigint[] = [];
  for (const [i, interval] of intervals.entries()) latestEnd.push(i === 0 || interval.end > latestEnd[i - 1]! ? interval.end : latestEnd[i - 1]!);
  const firstAfter = (count: number, isAfter: (i: number) => boolean) => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (isAfter(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    first: intervals[0]?.start ?? 0n,
    last: latestEnd.at(-1) ?? -1n,
    firstHolding(at) {
      const started = firstAfter(intervals.length, (i) => intervals[i]!.start > at);
      const holding = firstAfter(started, (i) => latestEnd[i]! >= at);
      return holding < started ? holding : -1;
    },
  };
}
