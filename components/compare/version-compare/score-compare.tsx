import type { ScoreComparison } from "@/lib/scores/types";
import { DataTable, NUM_CELL } from "@/components/ui/data-table";
import { deltaTone, describeSide, formatPValue, formatScoreDelta, type DeltaTone } from "@/components/scores/compare-format";
import { ScoreDistribution } from "@/components/compare/version-compare/score-distribution";

const COLUMNS = [
  "Score",
  { label: "a", numeric: true, title: "Mean (numbers), pass rate (pass / fail) or most common label" },
  { label: "b", numeric: true },
  { label: "Change", numeric: true, title: "b − a: in the score's units, in percentage points for a pass rate; higher is better" },
  { label: "Distribution a / b", title: "Numbers: p5–p95 whiskers, p25–p75 box, median tick, a grey above b blue; pass / fail: pass rates; labels: counts" },
  "Test",
  { label: "p", numeric: true, title: "Two-sided; significant below 0.05" },
  { label: "Scores a / b", numeric: true },
];

const TONE: Record<DeltaTone, string> = { better: "text-emerald-700", worse: "text-red-700", flat: "text-slate-500", none: "text-slate-400" };
const TONE_WORD: Record<DeltaTone, string> = { better: "better", worse: "worse", flat: "no change", none: "" };

function Change({ comparison: c }: { comparison: ScoreComparison }) {
  const text = formatScoreDelta(c.dataType, c.delta);
  if (text === null) return <span className="text-slate-400">—</span>;
  const tone = deltaTone(c);
  return (
    <span data-testid="score-delta" data-tone={tone} className={`${TONE[tone]} ${c.significant ? "font-semibold" : ""}`} title={`${TONE_WORD[tone]}${c.significant ? ", significant" : ""}`}>
      {text}
    </span>
  );
}

function Significance({ comparison: c }: { comparison: ScoreComparison }) {
  const p = formatPValue(c.pValue);
  if (p === null) return <span className="text-slate-400">—</span>;
  return (
    <span className="whitespace-nowrap">
      {p}{" "}
      {c.significant ? (
        <span data-testid="score-significant" className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${deltaTone(c) === "worse" ? "bg-red-50 text-red-800 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-emerald-200"}`}>
          significant
        </span>
      ) : (
        <span className="text-xs text-slate-500">not significant</span>
      )}
    </span>
  );
}

/** Each score name on both versions: the figures, the change (higher is better), the test and both distributions. */
export function ScoreCompare({ scores }: { scores: ScoreComparison[] | undefined }) {
  const list = scores ?? [];
  return (
    <section data-testid="score-compare" aria-labelledby="score-compare-title" className="space-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 id="score-compare-title" className="text-sm font-semibold text-slate-900">
        Scores
      </h2>
      {list.length === 0 ? (
        <p data-testid="score-compare-empty" className="text-sm text-slate-600">
          Neither version has scores yet. They come from GenAI evaluation events (<code className="font-mono text-xs">gen_ai.evaluation.result</code>), from{" "}
          <code className="font-mono text-xs">POST /api/v1/runs/{"{runId}"}/scores</code> and from feedback given on a run&apos;s page.
        </p>
      ) : (
        <DataTable columns={COLUMNS} caption="Scores of both versions: a, b, the change and its test" testId="score-compare-table" nowrap>
          {list.map((c) => (
            <tr key={c.name} data-testid="score-compare-row" data-name={c.name} data-significant={String(c.significant)} className="border-t border-slate-100">
              <td className="px-3 py-2 font-medium text-slate-900">
                {c.name} <span className="text-xs font-normal text-slate-500">{c.dataType === "boolean" ? "pass / fail" : c.dataType === "categorical" ? "labels" : null}</span>
              </td>
              <td className={`${NUM_CELL} text-slate-600`} data-testid="score-side-a">
                {describeSide(c.dataType, c.a)}
              </td>
              <td className={`${NUM_CELL} font-medium text-slate-900`} data-testid="score-side-b">
                {describeSide(c.dataType, c.b)}
              </td>
              <td className={NUM_CELL}>
                <Change comparison={c} />
              </td>
              <td className="px-3 py-1" data-testid="score-distribution">
                <ScoreDistribution comparison={c} />
              </td>
              <td className="px-3 py-2 text-slate-600">{c.test ?? <span className="text-slate-400" title="Too few scores on a side for a test">too few</span>}</td>
              <td className={NUM_CELL}>
                <Significance comparison={c} />
              </td>
              <td className={NUM_CELL}>
                {c.a.count.toLocaleString("en-US")} / {c.b.count.toLocaleString("en-US")}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
