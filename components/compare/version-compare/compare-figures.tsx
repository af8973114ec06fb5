import Link from "next/link";
import { DeltaCell } from "@/components/compare/delta";
import { shortId } from "@/components/ui/format";
import type { VersionComparison, VersionSide } from "@/lib/workloads/types";
import { deltaFigures } from "@/components/compare/version-compare/format";
import { ScoreCompare } from "@/components/compare/version-compare/score-compare";

const FIGURES = deltaFigures<VersionSide>(
  { label: "Runs (finished)", read: (s) => s.finishedRunCount, format: (v) => v.toLocaleString("en-US") },
  { tokens: "Avg tokens / run", cost: "Avg cost / run" },
);

function SideName({ workload, side, letter }: { workload: string; side: VersionSide; letter: "a" | "b" }) {
  return (
    <span>
      <span className="font-semibold">{letter}</span> = {side.version ?? "unversioned"}{" "}
      <Link href={`/workloads/${encodeURIComponent(workload)}?logicId=${side.logicId}`} className="font-mono text-xs text-sky-800 hover:underline" title={side.logicId}>
        {shortId(side.logicId)}
      </Link>
    </span>
  );
}

/** The one-line verdict, prominent. */
export function CompareSummary({ summary }: { summary: string }) {
  return (
    <p data-testid="compare-summary" className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-base font-medium text-slate-900">
      {summary}
    </p>
  );
}

/** Run-level figures of both versions side by side, a → b with the relative change; their scores right after. */
export function CompareFigures({ comparison }: { comparison: VersionComparison }) {
  return (
    <>
      <RunFigures comparison={comparison} />
      {/* Quality next to cost and latency: a cheaper version that answers worse must look worse. */}
      <ScoreCompare scores={comparison.scores} />
    </>
  );
}

function RunFigures({ comparison }: { comparison: VersionComparison }) {
  const { a, b, workload } = comparison;
  const idle = [a.finishedRunCount === 0 ? "a" : null, b.finishedRunCount === 0 ? "b" : null].filter(Boolean);
  return (
    <section data-testid="compare-figures" aria-labelledby="compare-figures-title" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm text-slate-700">
        <h2 id="compare-figures-title" className="text-sm font-semibold text-slate-900">Runs</h2>
        <SideName workload={workload} side={a} letter="a" />
        <span aria-hidden className="text-slate-400">→</span>
        <SideName workload={workload} side={b} letter="b" />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
        {FIGURES.map((f) => (
          <div key={f.label} data-figure={f.label}>
            <dt className="text-xs text-slate-500">{f.label}</dt>
            <dd className="text-sm">
              <DeltaCell a={f.read(a)} b={f.read(b)} format={f.format} neutral={f.neutral} />
              {f.neutral ? <span className="ml-1 text-xs text-slate-500">of {a.runCount.toLocaleString("en-US")} / {b.runCount.toLocaleString("en-US")} started</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      {idle.length > 0 ? (
        <p data-testid="no-finished-runs" className="mt-3 text-xs text-slate-600">
          {idle.length === 2 ? "Neither version has" : `Version ${idle[0]} has`} no finished runs yet, so {idle.length === 2 ? "their" : "its"} figures read “—”.
        </p>
      ) : null}
    </section>
  );
}
