/** Explicit histogram buckets: counts[i] holds values in (bounds[i-1], bounds[i]]; the last count is above every bound. */
export interface Buckets {
  bounds: number[];
  counts: number[];
}

/** `later` minus `earlier`; earlier buckets whose bounds differ go to the later bucket that holds their upper bound (exact when bounds merged, as an exponential histogram's do on downscaling). */
export function subtractBuckets(later: Buckets, earlier: Buckets): Buckets {
  const counts = [...later.counts];
  const same = later.bounds.length === earlier.bounds.length && later.bounds.every((bound, i) => bound === earlier.bounds[i]);
  for (let i = 0; i < earlier.counts.length; i++) {
    const target = same ? i : bucketOf(later.bounds, i < earlier.bounds.length ? earlier.bounds[i]! : Infinity);
    counts[target] = Math.max(0, (counts[target] ?? 0) - earlier.counts[i]!);
  }
  return { bounds: later.bounds, counts };
}

/** The index of the bucket holding `value`: the first bound at or above it, else the last bucket. */
function bucketOf(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (bounds[mid]! >= value) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Adds histograms with any bounds: counts are kept per upper bound (Infinity for the last bucket). */
export class BucketSum {
  private readonly byBound = new Map<number, number>();
  total = 0;

  add(buckets: Buckets): void {
    for (let i = 0; i < buckets.counts.length; i++) {
      // Empty buckets are kept: their bounds are the edges of the buckets beside them.
      const count = Math.max(0, buckets.counts[i]!);
      const bound = i < buckets.bounds.length ? buckets.bounds[i]! : Infinity;
      this.byBound.set(bound, (this.byBound.get(bound) ?? 0) + count);
      this.total += count;
    }
  }

  /**
   * The q-quantile (0..1), interpolated linearly within its bucket as Prometheus does: the first
   * bucket starts at 0 when its bound is positive; a quantile in the last (unbounded) bucket is
   * the highest finite bound. `min`/`max`, when known, narrow the outer buckets. Null when empty.
   */
  quantile(q: number, min: number | null = null, max: number | null = null): number | null {
    if (this.total === 0) return null;
    const entries = [...this.byBound.entries()].sort((a, b) => a[0] - b[0]);
    const rank = q * this.total;
    let seen = 0;
    let lower = min ?? (entries[0]![0] > 0 ? 0 : -Infinity);
    for (const [bound, count] of entries) {
      if (seen + count >= rank) {
        const upper = bound === Infinity ? (max ?? lower) : max !== null ? Math.min(bound, max) : bound;
        if (!Number.isFinite(lower)) return upper;
        const within = count === 0 ? 0 : (rank - seen) / count;
        return lower + (upper - lower) * within;
      }
      seen += count;
      if (bound !== Infinity) lower = min !== null ? Math.max(bound, min) : bound;
    }
    return lower;
  }
}
