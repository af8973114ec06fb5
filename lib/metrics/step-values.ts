import { BucketSum, subtractBuckets, type Buckets } from "@/lib/metrics/histogram";
import type { MetricPoint } from "@/lib/metrics/types";

/** The last point of one series in one step (cumulative metrics), or a delta point. */
export interface StepSample {
  /** 0 is the step before the window (what the first step's increase starts from); 1.. are the window's steps. */
  step: number;
  timeNs: bigint;
  startNs: bigint | null;
  value: number | null;
  count: number | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  buckets: Buckets | null;
}

/** One series' share of a step: a number (rate or value) or a distribution's deltas. */
export interface Distribution {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  buckets: Buckets | null;
}

const NS_PER_SECOND = 1e9;

/** A cumulative point restarted (its start moved, or it went down): what it holds counts from its start. */
function restarted(previous: StepSample, sample: StepSample, total: (s: StepSample) => number | null): boolean {
  if (previous.startNs !== null && sample.startNs !== null && previous.startNs !== sample.startNs) return true;
  return (total(sample) ?? 0) < (total(previous) ?? 0);
}

/** The sample's whole value counts as an increase only when the series began inside what was read (its start at or after `readFromNs`). */
const startedWithin = (sample: StepSample, readFromNs: bigint) => sample.startNs !== null && sample.startNs >= readFromNs;

/**
 * Per-second rate of a cumulative counter in each step: from the previous step's last point to
 * this step's last, over the time between them; from the series' start when it began in the
 * window or restarted. `samples`: one series, in step order.
 */
export function cumulativeRates(samples: readonly StepSample[], readFromNs: bigint): Map<number, number> {
  const rates = new Map<number, number>();
  let previous: StepSample | null = null;
  for (const sample of samples) {
    // A point without a value (no recorded value: a staleness marker) is no base to count from.
    if (sample.value === null) continue;
    let base: { value: number; timeNs: bigint } | null = null;
    if (previous !== null && !restarted(previous, sample, (s) => s.value)) base = { value: previous.value ?? 0, timeNs: previous.timeNs };
    else if ((previous !== null || startedWithin(sample, readFromNs)) && sample.startNs !== null) base = { value: 0, timeNs: sample.startNs };
    if (sample.step > 0 && base !== null) {
      const seconds = Number(sample.timeNs - base.timeNs) / NS_PER_SECOND;
      if (seconds > 0) rates.set(sample.step, (sample.value - base.value) / seconds);
    }
    previous = sample;
  }
  return rates;
}

/** What a cumulative distribution (histogram or summary) gained in each step, from the previous step's last point. */
export function cumulativeDeltas(samples: readonly StepSample[], readFromNs: bigint): Map<number, Distribution> {
  const deltas = new Map<number, Distribution>();
  let previous: StepSample | null = null;
  for (const sample of samples) {
    if (sample.count === null) continue;
    if (sample.step > 0) {
      const continues = previous !== null && !restarted(previous, sample, (s) => s.count);
      if (continues) {
        const earlier = previous!;
        deltas.set(sample.step, {
          count: sample.count - (earlier.count ?? 0),
          sum: sample.sum !== null && earlier.sum !== null ? sample.sum - earlier.sum : null,
          min: null,
          max: null,
          // Buckets that appear only now have no known delta: the step shows its count without quantiles.
          buckets: sample.buckets && earlier.buckets ? subtractBuckets(sample.buckets, earlier.buckets) : null,
        });
      } else if (previous !== null || startedWithin(sample, readFromNs)) {
        deltas.set(sample.step, { count: sample.count, sum: sample.sum, min: sample.min, max: sample.max, buckets: sample.buckets });
      }
    }
    previous = sample;
  }
  return deltas;
}

/** Delta distributions: every point in a step adds to it. */
export function deltaDistributions(samples: readonly StepSample[]): Map<number, Distribution> {
  const steps = new Map<number, Distribution>();
  for (const sample of samples) {
    if (sample.step === 0 || sample.count === null) continue;
    const into = steps.get(sample.step);
    const own: Distribution = { count: sample.count, sum: sample.sum, min: sample.min, max: sample.max, buckets: sample.buckets };
    steps.set(sample.step, into ? addDistribution(into, own) : own);
  }
  return steps;
}

function addDistribution(a: Distribution, b: Distribution): Distribution {
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) => (x === null ? y : y === null ? x : f(x, y));
  const buckets = a.buckets && b.buckets ? mergeBuckets(a.buckets, b.buckets) : (a.buckets ?? b.buckets);
  return { count: a.count + b.count, sum: pick(a.sum, b.sum, (p, q) => p + q), min: pick(a.min, b.min, Math.min), max: pick(a.max, b.max, Math.max), buckets };
}

/** Two histograms' buckets added: bucket by bucket when their bounds agree, else by bound. */
export function mergeBuckets(a: Buckets, b: Buckets): Buckets {
  if (a.bounds.length === b.bounds.length && a.bounds.every((bound, i) => bound === b.bounds[i])) {
    return { bounds: a.bounds, counts: a.counts.map((count, i) => count + (b.counts[i] ?? 0)) };
  }
  // Bounds differ (an exponential histogram rescaled): keep both apart by bound.
  const byBound = new Map<number, number>();
  for (const side of [a, b]) side.counts.forEach((count, i) => {
    const bound = i < side.bounds.length ? side.bounds[i]! : Infinity;
    byBound.set(bound, (byBound.get(bound) ?? 0) + count);
  });
  const sorted = [...byBound.entries()].sort((x, y) => x[0] - y[0]);
  return { bounds: sorted.filter(([bound]) => bound !== Infinity).map(([bound]) => bound), counts: sorted.map(([, count]) => count).concat(byBound.has(Infinity) ? [] : [0]) };
}

/** A step of a group's distributions as a chart point. */
export function distributionPoint(time: string, parts: readonly Distribution[]): MetricPoint {
  if (parts.length === 0) return emptyPoint(time);
  const sum = new BucketSum();
  let count = 0;
  let total: number | null = 0;
  let min: number | null = null;
  let max: number | null = null;
  for (const part of parts) {
    count += part.count;
    total = total !== null && part.sum !== null ? total + part.sum : null;
    if (part.min !== null) min = min === null ? part.min : Math.min(min, part.min);
    if (part.max !== null) max = max === null ? part.max : Math.max(max, part.max);
    if (part.buckets) sum.add(part.buckets);
  }
  // min/max narrow the outer buckets only when every part reported them.
  const allBounded = parts.every((part) => part.min !== null && part.max !== null);
  const quantile = (q: number) => sum.quantile(q, allBounded ? min : null, allBounded ? max : null);
  return {
    time,
    value: null,
    count,
    mean: total !== null && count > 0 ? total / count : null,
    p50: quantile(0.5),
    p95: quantile(0.95),
    p99: quantile(0.99),
    min: allBounded ? min : null,
    max: allBounded ? max : null,
  };
}

export function emptyPoint(time: string): MetricPoint {
  return { time, value: null, count: null, mean: null, p50: null, p95: null, p99: null, min: null, max: null };
}
