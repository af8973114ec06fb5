// Node anomalies (issue 22): the hours, days or weeks in which one node of one logic id left its
// own rolling baseline. Durations are milliseconds, rates fractions, tokens per activation.

export type AnomalyMetric = "duration" | "error_rate" | "tokens";

export interface NodeAnomaly {
  node: string;
  logicId: string;
  version: string | null;
  /** The bucket's start (ISO), as the trend's points give it. */
  start: string;
  metric: AnomalyMetric;
  /** The bucket's figure: p50 duration, failure rate, or mean tokens per activation. */
  value: number;
  /** The baseline's: the median of the preceding buckets' figures, or (failure rate) their pooled rate. */
  baseline: number;
  direction: "higher" | "lower";
  /** Durations and tokens: the robust z-score, (value − median) / (1.4826 × MAD); failure rates: the binomial tail p. */
  score: number;
  activations: number;
  /** How many preceding buckets the baseline is made of. */
  baselineBuckets: number;
}
