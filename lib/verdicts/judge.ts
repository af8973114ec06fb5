import { createHash } from "node:crypto";
import { seededRandom } from "@/lib/stats/seeded-random";
import { bootstrapRelativeChange, sampleStatistic, type Statistic } from "@/lib/verdicts/stats/bootstrap";
import { holmAdjust } from "@/lib/verdicts/stats/holm";
import { mannWhitney } from "@/lib/verdicts/stats/mann-whitney";
import { twoSidedCriticalZ } from "@/lib/verdicts/stats/normal";
import { compareProportions, rateDifferenceInterval } from "@/lib/verdicts/stats/proportions";
import { describeChange } from "@/lib/verdicts/describe";
import type { Call, MetricComparison, VerdictSettings, VerdictStatus } from "@/lib/verdicts/types";

/** One finished run, as a verdict sees it. */
export interface RunSample {
  failed: boolean;
  durationMs: number;
  costUsd: number;
  tokens: number;
  /** Mean activation duration per node, ms. */
  nodeDurationsMs: ReadonlyMap<string, number>;
  /** Per numeric score name, the mean of the run's values. */
  scores?: ReadonlyMap<string, number>;
  /** Per boolean score name, whether the run passed (most of its values true). */
  passes?: ReadonlyMap<string, boolean>;
}

export interface VerdictOutcome {
  status: VerdictStatus;
  headline: string;
  comparisons: MetricComparison[];
}

const RESAMPLES = 1000;

type Pending = Omit<MetricComparison, "adjustedPValue" | "call">;

const FIVE = [0.05, 0.25, 0.5, 0.75, 0.95];
const fiveQuantiles = (values: readonly number[]) => FIVE.map((q) => sampleStatistic(values, { kind: "quantile", q })!);

async function continuous(
  metric: MetricComparison["metric"],
  node: string | null,
  statistic: "p50" | "mean",
  baseline: number[],
  candidate: number[],
  random: () => number,
  confidence: number,
  pause: () => Promise<void>,
): Promise<Pending | null> {
  const of: Statistic = statistic === "p50" ? { kind: "quantile", q: 0.5 } : { kind: "mean" };
  const change = bootstrapRelativeChange(baseline, candidate, of, { random, confidence, resamples: RESAMPLES });
  // No relative change of a baseline at 0 (spans without prices cost nothing): nothing to call.
  if (!change) return null;
  await pause();
  const p95Change = metric === "duration" || metric === "node_duration" ? bootstrapRelativeChange(baseline, candidate, { kind: "quantile", q: 0.95 }, { random, confidence, resamples: RESAMPLES }) : null;
  await pause();
  return {
    metric,
    node,
    statistic,
    baseline: sampleStatistic(baseline, of)!,
    candidate: sampleStatistic(candidate, of)!,
    change,
    changeKind: "relative",
    p95Change,
    quantiles: { baseline: fiveQuantiles(baseline), candidate: fiveQuantiles(candidate) },
    test: "mann-whitney",
    pValue: mannWhitney(baseline, candidate).pValue,
    baselineSamples: baseline.length,
    candidateSamples: candidate.length,
  };
}

function errorRate(baseline: readonly RunSample[], candidate: readonly RunSample[], confidence: number): Pending {
  return rate("error_rate", null, baseline.map((run) => run.failed), candidate.map((run) => run.failed), confidence);
}

/** The share of runs with a hit (a failure, a passed score) on each side, tested as failure rates are. */
function rate(metric: "error_rate" | "score_pass_rate", node: string | null, baseline: readonly boolean[], candidate: readonly boolean[], confidence: number): Pending {
  const hitsA = baseline.filter(Boolean).length;
  const hitsB = candidate.filter(Boolean).length;
  const test = compareProportions(hitsA, baseline.length, hitsB, candidate.length);
  const z = twoSidedCriticalZ(confidence);
  return {
    metric,
    node,
    statistic: "rate",
    baseline: hitsA / baseline.length,
    candidate: hitsB / candidate.length,
    change: rateDifferenceInterval(hitsA, baseline.length, hitsB, candidate.length, z),
    changeKind: "absolute",
    p95Change: null,
    quantiles: null,
    test: test.method,
    pValue: test.pValue,
    baselineSamples: baseline.length,
    candidateSamples: candidate.length,
  };
}

/** Scores: a fall is the regression. Everything else compared: a rise is. */
export const lowerIsWorse = (metric: MetricComparison["metric"]) => metric === "score" || metric === "score_pass_rate";

/**
 * Whether a significant change is large enough to call: a relative change at least minEffect
 * either way; a rate that rose or fell by at least minEffect of itself (from 0, any significant
 * rise). Worse is larger for every metric compared but scores, where worse is smaller.
 */
function callOf(comparison: Pending, adjustedPValue: number, settings: VerdictSettings): Call {
  if (adjustedPValue > settings.alpha) return "unchanged";
  const relative = comparison.changeKind === "relative" ? comparison.change.estimate : comparison.baseline > 0 ? comparison.change.estimate / comparison.baseline : comparison.change.estimate > 0 ? Infinity : 0;
  // The interval must agree with the test's direction, or the change is too uncertain to call.
  const rose = relative >= settings.minEffect && comparison.change.low > 0;
  const fell = relative <= -settings.minEffect && comparison.change.high < 0;
  if (rose) return lowerIsWorse(comparison.metric) ? "improved" : "regressed";
  if (fell) return lowerIsWorse(comparison.metric) ? "regressed" : "improved";
  return "unchanged";
}

/** Largest first: the headline names the biggest regression (or improvement). */
const magnitude = (comparison: MetricComparison) => Math.abs(comparison.changeKind === "relative" ? comparison.change.estimate : comparison.baseline > 0 ? comparison.change.estimate / comparison.baseline : 1);

/**
 * Compares a version's finished runs with its predecessor's: run duration (p50), cost and
 * tokens per run (means: spend adds up), failure rate, and each node's duration. Durations,
 * costs and tokens are tested with Mann–Whitney U, failure rates with Fisher's exact or the
 * two-proportion z-test; the p-values are Holm-adjusted over the whole verdict, and a change is
 * called only when it is significant, at least minEffect, and its bootstrap interval agrees.
 * Deterministic for the same runs: the bootstrap is seeded from the two logic ids.
 */
export async function judgeVersion(
  baseline: readonly RunSample[],
  candidate: readonly RunSample[],
  settings: VerdictSettings,
  seedKey: string,
  /** Awaited after each bootstrap (~15 ms at 500 runs a side): lets a background caller yield the event loop. */
  pause: () => Promise<void> = async () => {},
): Promise<VerdictOutcome> {
  const random = seededRandom(createHash("sha256").update(seedKey).digest().readUInt32BE(0));
  const completedA = baseline.filter((run) => !run.failed);
  const completedB = candidate.filter((run) => !run.failed);
  const pending: Pending[] = [errorRate(baseline, candidate, settings.confidence)];
  const enoughCompleted = completedA.length >= Math.max(2, settings.minRuns / 2) && completedB.length >= Math.max(2, settings.minRuns / 2);
  if (enoughCompleted) {
    const each = (pick: (run: RunSample) => number) => [completedA.map(pick), completedB.map(pick)] as const;
    for (const [metric, statistic, pick] of [
      ["duration", "p50", (run: RunSample) => run.durationMs],
      ["cost", "mean", (run: RunSample) => run.costUsd],
      ["tokens", "mean", (run: RunSample) => run.tokens],
    ] as const) {
      const [a, b] = each(pick);
      const comparison = await continuous(metric, null, statistic, a, b, random, settings.confidence, pause);
      if (comparison) pending.push(comparison);
    }
    const nodes = new Set(completedA.flatMap((run) => [...run.nodeDurationsMs.keys()]));
    for (const node of [...nodes].sort()) {
      const a = completedA.flatMap((run) => (run.nodeDurationsMs.has(node) ? [run.nodeDurationsMs.get(node)!] : []));
      const b = completedB.flatMap((run) => (run.nodeDurationsMs.has(node) ? [run.nodeDurationsMs.get(node)!] : []));
      if (a.length < settings.minRuns / 2 || b.length < settings.minRuns / 2) continue;
      const comparison = await continuous("node_duration", node, "p50", a, b, random, settings.confidence, pause);
      if (comparison) pending.push(comparison);
    }
  }
  // Scores: every finished run counts (a failed run's answer is judged too), each name with
  // enough scored runs on both sides.
  const numeric = new Set(baseline.flatMap((run) => [...(run.scores?.keys() ?? [])]));
  for (const name of [...numeric].sort()) {
    const a = baseline.flatMap((run) => (run.scores?.has(name) ? [run.scores.get(name)!] : []));
    const b = candidate.flatMap((run) => (run.scores?.has(name) ? [run.scores.get(name)!] : []));
    if (a.length < settings.minRuns / 2 || b.length < settings.minRuns / 2) continue;
    const comparison = await continuous("score", name, "mean", a, b, random, settings.confidence, pause);
    if (comparison) pending.push(comparison);
  }
  const boolean = new Set(baseline.flatMap((run) => [...(run.passes?.keys() ?? [])]));
  for (const name of [...boolean].sort()) {
    const a = baseline.flatMap((run) => (run.passes?.has(name) ? [run.passes.get(name)!] : []));
    const b = candidate.flatMap((run) => (run.passes?.has(name) ? [run.passes.get(name)!] : []));
    if (a.length < settings.minRuns / 2 || b.length < settings.minRuns / 2) continue;
    pending.push(rate("score_pass_rate", name, a, b, settings.confidence));
  }
  const adjusted = holmAdjust(pending.map((comparison) => comparison.pValue));
  const comparisons: MetricComparison[] = pending.map((comparison, i) => ({ ...comparison, adjustedPValue: adjusted[i]!, call: callOf(comparison, adjusted[i]!, settings) }));
  const regressions = comparisons.filter((comparison) => comparison.call === "regressed").sort((a, b) => magnitude(b) - magnitude(a));
  const improvements = comparisons.filter((comparison) => comparison.call === "improved").sort((a, b) => magnitude(b) - magnitude(a));
  if (regressions.length > 0) return { status: "regressed", headline: `regressed: ${describeChange(regressions[0]!)}`, comparisons };
  if (improvements.length > 0) return { status: "improved", headline: `improved: ${describeChange(improvements[0]!)}`, comparisons };
  return { status: "unchanged", headline: "no significant change", comparisons };
}
