import type { DecodedExponentialHistogramPoint } from "@/collector/decode/model";

/** Explicit histogram buckets: counts[i] holds values in (bounds[i-1], bounds[i]]; the last count is above every bound. */
export interface ExplicitBuckets {
  bounds: number[];
  counts: number[];
}

/** The scales OTLP allows (exponential histogram spec): base = 2^(2^-scale). */
export const MIN_SCALE = -10;
export const MAX_SCALE = 20;

/** Builds bounds ascending; a bound not above the last one (a threshold wider than a bucket) folds its count into the bucket before it. */
class BucketList {
  readonly bounds: number[] = [];
  readonly counts: number[] = [0];

  /** Values up to `bound` (and above the previous bound): `count`. */
  upTo(bound: number, count: number): void {
    const last = this.bounds.length === 0 ? -Infinity : this.bounds[this.bounds.length - 1]!;
    if (bound <= last) {
      // Its values are at or below the last bound: the bucket that bound closed.
      this.counts[this.counts.length - 2]! += count;
      return;
    }
    // The bucket ending at `bound` is the open one; a new one opens above it.
    this.counts[this.counts.length - 1]! += count;
    this.bounds.push(bound);
    this.counts.push(0);
  }
}

/**
 * An exponential histogram point's buckets as explicit bounds, exactly: positive bucket k holds
 * (base^k, base^(k+1)], negative bucket k holds [-base^(k+1), -base^k), and the zero bucket
 * [-threshold, threshold]. Stored this way every histogram reads (and merges) alike. Null when
 * the scale is outside what OTLP allows or a bound is not a finite number (a hostile offset).
 */
export function exponentialToExplicit(point: DecodedExponentialHistogramPoint): ExplicitBuckets | null {
  if (!Number.isInteger(point.scale) || point.scale < MIN_SCALE || point.scale > MAX_SCALE) return null;
  const boundAt = (index: number) => Math.pow(2, index * Math.pow(2, -point.scale));
  const list = new BucketList();
  const negative = point.negative.bucketCounts;
  if (negative.length > 0) {
    // Most negative first: bucket k ends (from below) at -base^k.
    const top = point.negative.offset + negative.length;
    list.upTo(-boundAt(top), 0);
    for (let i = negative.length - 1; i >= 0; i--) list.upTo(-boundAt(point.negative.offset + i), negative[i]!);
  }
  const threshold = Number.isFinite(point.zeroThreshold) && point.zeroThreshold > 0 ? point.zeroThreshold : 0;
  if (negative.length > 0 && threshold > 0) list.upTo(-threshold, 0);
  list.upTo(threshold, point.zeroCount);
  const positive = point.positive.bucketCounts;
  if (positive.length > 0) {
    list.upTo(boundAt(point.positive.offset), 0);
    for (let i = 0; i < positive.length; i++) list.upTo(boundAt(point.positive.offset + i + 1), positive[i]!);
  }
  if (list.bounds.some((bound) => !Number.isFinite(bound))) return null;
  return { bounds: list.bounds, counts: list.counts };
}
