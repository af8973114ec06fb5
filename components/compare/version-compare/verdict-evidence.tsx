import Link from "next/link";
import { DataTable, NUM_CELL } from "@/components/ui/data-table";
import { QuantilePair } from "@/components/compare/version-compare/quantile-pair";
import { formatCost, formatMs, shortId } from "@/components/ui/format";
import { describeChange, percent, points } from "@/lib/verdicts/describe";
import type { MetricComparison, VersionVerdict } from "@/lib/verdicts/types";

const COLUMNS = [
  "Measure",
  { label: "a", numeric: true },
  { label: "b", numeric: true },
  { label: "Distribution a / b", title: "p5–p95 whiskers, p25–p75 box, median tick; a grey above b blue, on one scale" },
  { label: "Change [95% interval]", numeric: true },
  { label: "p95 change", numeric: true, title: "Durations: the 95th percentile's relative change and its interval (evidence; the call follows the test and the median)" },
  "Test",
  { label: "p (adjusted)", numeric: true, title: "Holm-adjusted over every comparison of the verdict" },
  { label: "Runs a / b", numeric: true },
  "Call",
];

const CALL_STYLE = { regressed: "text-red-700 font-semibold", improved: "text-emerald-700 font-semibold", unchanged: "text-slate-500" } as const;

function measure(c: MetricComparison): string {
  if (c.metric === "node_duration") return `node ${c.node}: duration p50`;
  if (c.metric === "score") return `score ${c.node} (mean; lower is worse)`;
  if (c.metric === "score_pass_rate") return `score ${c.node}: pass rate (lower is worse)`;
  return { duration: "run duration p50", cost: "cost per run (mean)", tokens: "tokens per run (mean)", error_rate: "failure rate" }[c.metric];
}

function value(c: MetricComparison, side: number): string {
  if (c.metric === "cost") return formatCost(side);
  if (c.metric === "tokens") return Math.round(side).toLocaleString("en-US");
  if (c.metric === "error_rate" || c.metric === "score_pass_rate") return `${(side * 100).toFixed(1)}%`;
  if (c.metric === "score") return side.toLocaleString("en-US", { maximumFractionDigits: 3 });
  return formatMs(side);
}

const RUNS_LINK = "text-sky-800 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400";

/** The runs list filtered to one side's finished runs in the verdict's deployment. */
function runsOf(workload: string, logicId: string | null, deployment: string | null): string {
  const params = new URLSearchParams({ workload, logicId: logicId ?? "" });
  if (deployment) params.set("deployment", deployment);
  return `/?${params}`;
}

const pValue = (p: number) => (p < 0.0001 ? "< 0.0001" : p.toFixed(4));

/**
 * The evidence behind a version's verdict when the page compares it with the version it was
 * judged against: every comparison with both sides, the change and its interval, the test and
 * its adjusted p-value, and the call. One table per deployment.
 */
export function VerdictEvidence({ verdicts }: { verdicts: VersionVerdict[] }) {
  if (verdicts.length === 0) return null;
  return (
    <section data-testid="verdict-evidence" aria-labelledby="verdict-evidence-title" className="space-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 id="verdict-evidence-title" className="text-sm font-semibold text-slate-900">
        Verdict
      </h2>
      {verdicts.map((verdict) => (
        <div key={verdict.deployment ?? ""} data-testid="verdict-deployment" data-deployment={verdict.deployment ?? ""} data-status={verdict.status} className="space-y-2">
          <p className="text-sm text-slate-800">
            <span className="font-medium">{verdict.deployment ?? "(no deployment)"}</span>: <span data-testid="verdict-headline">{verdict.headline}</span>{" "}
            <span className="text-xs text-slate-500">
              — newest {Math.min(verdict.runCount, 500)} of {verdict.runCount} finished runs against {Math.min(verdict.baselineRunCount, 500)} of {verdict.baselineRunCount} of{" "}
              <span className="font-mono">{shortId(verdict.baselineLogicId ?? "")}</span>; called when significant at α {verdict.settings.alpha} (Holm) and at least {percent(verdict.settings.minEffect)}.
            </span>{" "}
            <span className="text-xs">
              The runs behind it:{" "}
              <Link className={RUNS_LINK} data-testid="verdict-runs-a" href={runsOf(verdict.workloadName, verdict.baselineLogicId, verdict.deployment)}>
                a
              </Link>
              ,{" "}
              <Link className={RUNS_LINK} data-testid="verdict-runs-b" href={runsOf(verdict.workloadName, verdict.logicId, verdict.deployment)}>
                b
              </Link>
            </span>
          </p>
          {verdict.comparisons.length > 0 ? (
            <DataTable columns={COLUMNS} caption={`Comparisons behind the verdict in ${verdict.deployment ?? "runs without a deployment"}`} nowrap>
              {verdict.comparisons.map((c) => (
                <tr key={`${c.metric}/${c.node ?? ""}`} data-testid="verdict-comparison" data-metric={c.metric} data-call={c.call} className="border-t border-slate-100">
                  <td className="px-3 py-2">{measure(c)}</td>
                  <td className={NUM_CELL}>{value(c, c.baseline)}</td>
                  <td className={NUM_CELL}>{value(c, c.candidate)}</td>
                  <td className="px-3 py-1">{c.quantiles ? <QuantilePair baseline={c.quantiles.baseline} candidate={c.quantiles.candidate} format={(v) => value(c, v)} /> : null}</td>
                  <td className={NUM_CELL} title={describeChange(c)}>
                    {(c.changeKind === "relative" ? percent : points)(c.change.estimate)}{" "}
                    <span className="text-slate-500">
                      [{(c.changeKind === "relative" ? percent : points)(c.change.low)}, {(c.changeKind === "relative" ? percent : points)(c.change.high)}]
                    </span>
                  </td>
                  <td className={NUM_CELL}>{c.p95Change ? `${percent(c.p95Change.estimate)} [${percent(c.p95Change.low)}, ${percent(c.p95Change.high)}]` : "—"}</td>
                  <td className="px-3 py-2 text-slate-600">{c.test}</td>
                  <td className={NUM_CELL}>{pValue(c.adjustedPValue)}</td>
                  <td className={NUM_CELL}>
                    {c.baselineSamples} / {c.candidateSamples}
                  </td>
                  <td className={`px-3 py-2 ${CALL_STYLE[c.call]}`}>{c.call}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </div>
      ))}
    </section>
  );
}
