import type { AnomalyMetric, NodeAnomaly } from "@/lib/anomalies/types";

/** One node of one logic id in one bucket. */
export interface NodeBucket {
  logicId: string;
  node: string;
  startNs: bigint;
  activations: number;
  errors: number;
  /** p50 activation duration, ms (null: no durations). */
  p50Ms: number | null;
  tokensPerActivation: number;
}

export interface AnomalySettings {
  /** Preceding buckets (with enough activations) a baseline is made of, at most. */
  baselineBuckets: number;
  /** Fewer preceding buckets than this: no baseline, no flag. */
  minBaselineBuckets: number;
  /** A bucket with fewer activations is neither flagged nor part of a baseline. */
  minActivations: number;
  /** |robust z| at least this is unusual (3.5: Iglewicz and Hoaglin's cut-off for modified z-scores). */
  zThreshold: number;
  /** And the figure moved at least this much relative to the baseline's median. */
  minEffect: number;
  /** Failure rates: flagged when the binomial tail p is under this and the rate rose by minRateRise. */
  rateP: number;
  minRateRise: number;
}

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = { baselineBuckets: 14, minBaselineBuckets: 7, minActivations: 5, zThreshold: 3.5, minEffect: 0.1, rateP: 0.001, minRateRise: 0.05 };

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * The robust z of `value` against `history`: (value − median) / (1.4826 × MAD), the MAD floored
 * at 5% of the median so a series that barely moved (MAD 0) does not make every wobble infinite.
 */
export function robustZ(value: number, history: readonly number[]): { z: number; median: number } {
  const centre = median(history);
  const mad = median(history.map((v) => Math.abs(v - centre)));
  const scale = 1.4826 * Math.max(mad, 0.05 * Math.abs(centre), Number.EPSILON);
  return { z: (value - centre) / scale, median: centre };
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space (n is at most a bucket's activations). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let logC = 0;
  for (let i = 1; i <= k - 1; i++) logC += Math.log(n - i + 1) - Math.log(i);
  let total = 0;
  // C(n, x) built up from C(n, k − 1).
  for (let x = k; x <= n; x++) {
    logC += Math.log(n - x + 1) - Math.log(x);
    total += Math.exp(logC + x * Math.log(p) + (n - x) * Math.log1p(-p));
  }
  return Math.min(1, total);
}

export type DetectedAnomaly = Omit<NodeAnomaly, "start"> & { startNs: bigint };

/**
 * The buckets in which a node left its own baseline: the preceding buckets of the same logic id
 * and node with enough activations (at most baselineBuckets, at least minBaselineBuckets; a
 * node whose logic changed starts again). Durations (p50) and tokens per activation by robust
 * z-score and a minimum relative change, either way; failure rates by the binomial tail against
 * the baseline's pooled rate, rises only. Buckets before `fromNs` serve as baseline only.
 */
export function detectAnomalies(buckets: readonly NodeBucket[], fromNs: bigint, versions: ReadonlyMap<string, string | null>, settings: AnomalySettings = DEFAULT_ANOMALY_SETTINGS): DetectedAnomaly[] {
  const series = new Map<string, NodeBucket[]>();
  for (const bucket of buckets) {
    const key = `${bucket.logicId}\u0000${bucket.node}`;
    series.set(key, [...(series.get(key) ?? []), bucket]);
  }
  const found: DetectedAnomaly[] = [];
  for (const list of series.values()) {
    list.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
    const usable = list.filter((bucket) => bucket.activations >= settings.minActivations);
    usable.forEach((bucket, index) => {
      if (bucket.startNs < fromNs) return;
      const history = usable.slice(Math.max(0, index - settings.baselineBuckets), index);
      if (history.length < settings.minBaselineBuckets) return;
      const base = { node: bucket.node, logicId: bucket.logicId, version: versions.get(bucket.logicId) ?? null, startNs: bucket.startNs, activations: bucket.activations, baselineBuckets: history.length };
      const continuous = (metric: AnomalyMetric, value: number | null, past: (number | null)[]) => {
        const known = past.filter((v): v is number => v !== null);
        if (value === null || known.length < settings.minBaselineBuckets) return;
        const { z, median: centre } = robustZ(value, known);
        if (Math.abs(z) < settings.zThreshold || centre <= 0 || Math.abs(value / centre - 1) < settings.minEffect) return;
        found.push({ ...base, metric, value, baseline: centre, direction: z > 0 ? "higher" : "lower", score: z });
      };
      continuous("duration", bucket.p50Ms, history.map((b) => b.p50Ms));
      continuous("tokens", bucket.tokensPerActivation > 0 ? bucket.tokensPerActivation : null, history.map((b) => (b.tokensPerActivation > 0 ? b.tokensPerActivation : null)));
      const pastActivations = history.reduce((sum, b) => sum + b.activations, 0);
      const pooled = history.reduce((sum, b) => sum + b.errors, 0) / pastActivations;
      const rate = bucket.errors / bucket.activations;
      if (rate - pooled >= settings.minRateRise) {
        // A baseline with no failures at all is taken as half a failure in its activations, so one failure is not "infinitely" unusual.
        const p = binomialUpperTail(bucket.errors, bucket.activations, Math.max(pooled, 0.5 / pastActivations));
        if (p < settings.rateP) found.push({ ...base, metric: "error_rate", value: rate, baseline: pooled, direction: "higher", score: p });
      }
    });
  }
  return found.sort((a, b) => (a.startNs > b.startNs ? -1 : a.startNs < b.startNs ? 1 : a.node.localeCompare(b.node)));
}
