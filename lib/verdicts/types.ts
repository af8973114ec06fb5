// The shapes of version verdicts: whether a logic id ran slower, costlier or failed more often
// than the one before it in the same deployment (GET /api/v1/workloads/{name}/versions/{logicId}/verdict).

export type VerdictStatus = "regressed" | "improved" | "unchanged" | "too_few_runs" | "no_baseline";
export type Call = "regressed" | "improved" | "unchanged";

/** What one comparison is of: the run's duration, cost or tokens, its failure rate, or one node's duration. */
/** `score`: a numeric score's mean per run; `score_pass_rate`: the share of runs a boolean score passed. Lower is worse for both. */
export type ComparedMetric = "duration" | "cost" | "tokens" | "error_rate" | "node_duration" | "score" | "score_pass_rate";

export interface ChangeInterval {
  /** Relative changes: +0.38 is 38% more. The error rate's change is absolute: +0.05 is 5 points more. */
  estimate: number;
  low: number;
  high: number;
}

export interface MetricComparison {
  metric: ComparedMetric;
  /** The node, for node_duration; the score's name, for score and score_pass_rate. */
  node: string | null;
  /** What the change is of: the median, the mean per run, or the failure rate. */
  statistic: "p50" | "mean" | "rate";
  /** The statistic on each side: milliseconds, USD, tokens, or a fraction. */
  baseline: number;
  candidate: number;
  change: ChangeInterval;
  changeKind: "relative" | "absolute";
  /** Durations also report their p95's relative change (evidence; the call follows the test and the p50). */
  p95Change: ChangeInterval | null;
  /** Each side's p5, p25, p50, p75 and p95 (durations, cost, tokens): the distributions side by side; null for failure rates. */
  quantiles: { baseline: number[]; candidate: number[] } | null;
  test: "mann-whitney" | "fisher" | "two-proportion z";
  pValue: number;
  /** Holm-adjusted over every comparison of the verdict. */
  adjustedPValue: number;
  baselineSamples: number;
  candidateSamples: number;
  call: Call;
}

export interface VerdictSettings {
  /** Finished runs each side needs before a verdict is given. */
  minRuns: number;
  /** The smallest relative change called a regression or improvement, e.g. 0.1. */
  minEffect: number;
  /** Family-wise error rate over a verdict's comparisons. */
  alpha: number;
  /** Interval level. */
  confidence: number;
}

export interface VersionVerdict {
  workloadName: string;
  /** The deployment the runs are from (null: runs that named none). */
  deployment: string | null;
  logicId: string;
  /** The logic id that ran in this deployment before it; null for the first. */
  baselineLogicId: string | null;
  status: VerdictStatus;
  /** One line for a badge: "regressed: cost +120% [+95%, +150%]", "too few runs (7/20)". */
  headline: string;
  runCount: number;
  baselineRunCount: number;
  /** The newest runs each side that were compared (at most the sample cap). */
  comparisons: MetricComparison[];
  settings: VerdictSettings;
  computedAt: string;
}

/** What a stored verdict keeps beside its status: the comparisons and the settings they were judged by. */
export interface VerdictEvidence {
  comparisons: MetricComparison[];
  settings: VerdictSettings;
}

/** A verdict without its evidence: what a version row shows. */
export type VerdictSummary = Pick<VersionVerdict, "deployment" | "baselineLogicId" | "status" | "headline" | "runCount" | "baselineRunCount" | "computedAt">;

/** GET /api/v1/workloads/{name}/versions/{logicId}/verdict: empty until the first verdict is computed (within a minute of the runs). */
export interface VersionVerdictList {
  workloadName: string;
  logicId: string;
  verdicts: VersionVerdict[];
}
