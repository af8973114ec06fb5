import Link from "next/link";
import type { VerdictStatus, VerdictSummary } from "@/lib/verdicts/types";
import { compareHref } from "@/components/workloads/version-history/links";

const STYLE: Record<VerdictStatus, string> = {
  regressed: "bg-red-50 text-red-800 ring-red-300",
  improved: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  unchanged: "bg-slate-50 text-slate-700 ring-slate-200",
  too_few_runs: "bg-white text-slate-500 ring-slate-200",
  no_baseline: "bg-white text-slate-500 ring-slate-200",
};

const deploymentName = (verdict: VerdictSummary) => verdict.deployment ?? "(no deployment)";

/**
 * The version's verdict against the previous one, in the deployment it ran most in; the others
 * are in the tooltip. A verdict with a baseline links to the comparison of the two.
 */
export function VerdictBadge({ name, logicId, verdicts }: { name: string; logicId: string; verdicts: VerdictSummary[] }) {
  const main = verdicts[0];
  if (!main) {
    return (
      <span data-testid="verdict-badge" data-status="pending" className="text-xs text-slate-400" title="Verdicts are computed in the background within about a minute of new runs">
        pending
      </span>
    );
  }
  const title = verdicts.map((verdict) => `${deploymentName(verdict)}: ${verdict.headline} (${verdict.runCount} runs vs ${verdict.baselineRunCount})`).join("\n");
  const badge = (
    <span
      data-testid="verdict-badge"
      data-status={main.status}
      title={title}
      className={`inline-flex max-w-[18rem] items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium whitespace-normal ring-1 ring-inset ${STYLE[main.status]}`}
    >
      {main.status === "regressed" ? <span aria-hidden>▲</span> : main.status === "improved" ? <span aria-hidden>▼</span> : null}
      {main.headline}
      {verdicts.length > 1 ? <span className="text-slate-500"> · {deploymentName(main)}</span> : null}
    </span>
  );
  if (!main.baselineLogicId || main.status === "no_baseline") return badge;
  return (
    <Link href={compareHref(name, main.baselineLogicId, logicId)} className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-sky-400" aria-label={`Verdict: ${main.headline}. Compare with the previous version`}>
      {badge}
    </Link>
  );
}
