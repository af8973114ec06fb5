/** What a comparison measures of each sample: its mean, or a quantile (0..1, interpolated between order statistics). */
export type Statistic = { kind: "mean" } | { kind: "quantile"; q: number };

export interface RelativeChange {
  /** statistic(candidate) / statistic(baseline) − 1: +0.38 is 38% more. */
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  resamples?: number;
  /** Of the interval, e.g. 0.95. */
  confidence?: number;
  /** A uniform source in [0, 1): seeded, so a verdict does not move when recomputed on the same runs. */
  random: () => number;
}

/**
 * The statistic of a sorted sample in which value i occurs counts[i] times (a resample), or once
 * each when counts is omitted. Walking the counts finds the order statistics without sorting a
 * resample, so one resample costs O(n).
 */
function statisticOf(sorted: readonly number[], statistic: Statistic, counts?: Uint32Array): number {
  const n = sorted.length;
  if (statistic.kind === "mean") {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i]! * (counts ? counts[i]! : 1);
    return sum / n;
  }
  const h = (n - 1) * statistic.q;
  const lowerPosition = Math.floor(h);
  const fraction = h - lowerPosition;
  if (!counts) return sorted[lowerPosition]! + fraction * ((sorted[Math.min(lowerPosition + 1, n - 1)] ?? 0) - sorted[lowerPosition]!);
  let seen = 0;
  let lower = NaN;
  for (let i = 0; i < n; i++) {
    seen += counts[i]!;
    if (Number.isNaN(lower) && seen > lowerPosition) lower = sorted[i]!;
    if (seen > lowerPosition + 1 || (seen > lowerPosition && lowerPosition + 1 >= n)) return lower + fraction * (sorted[i]! - lower);
  }
  return lower;
}

export const sampleStatistic = (values: readonly number[], statistic: Statistic): number | null =>
  values.length === 0 ? null : statisticOf([...values].sort((a, b) => a - b), statistic);

/** Fills counts with a resample (n draws with replacement) of n values. */
function resample(counts: Uint32Array, random: () => number): void {
  counts.fill(0);
  const n = counts.length;
  for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]!++;
}

/**
 * The relative change of a statistic from baseline to candidate, with a percentile bootstrap
 * interval: both samples resampled independently, the change taken in each resample. Null when
 * either sample is empty or the baseline's statistic is not positive (no relative change exists).
 */
export function bootstrapRelativeChange(baseline: readonly number[], candidate: readonly number[], statistic: Statistic, options: BootstrapOptions): RelativeChange | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  const a = [...baseline].sort((x, y) => x - y);
  const b = [...candidate].sort((x, y) => x - y);
  const base = statisticOf(a, statistic);
  if (!(base > 0)) return null;
  const estimate = statisticOf(b, statistic) / base - 1;
  const resamples = options.resamples ?? 1000;
  const countsA = new Uint32Array(a.length);
  const countsB = new Uint32Array(b.length);
  const changes: number[] = [];
  for (let r = 0; r < resamples; r++) {
    resample(countsA, options.random);
    resample(countsB, options.random);
    const resampledBase = statisticOf(a, statistic, countsA);
    // A resample whose baseline is 0 (a sample mostly of zeros) has no relative change: left out.
    if (resampledBase > 0) changes.push(statisticOf(b, statistic, countsB) / resampledBase - 1);
  }
  if (changes.length < resamples / 2) return null;
  changes.sort((x, y) => x - y);
  const tail = (1 - (options.confidence ?? 0.95)) / 2;
  const at = (q: number) => changes[Math.min(changes.length - 1, Math.max(0, Math.round(q * (changes.length - 1))))]!;
  return { estimate, low: at(tail), high: at(1 - tail) };
}
