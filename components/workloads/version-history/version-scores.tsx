import type { ScoreSummary } from "@/lib/scores/types";
import { describeScoreSummary, summarizeScore } from "@/components/scores/format";

/** Lines a cell shows; the rest are counted and listed in the tooltip. */
const SHOWN = 3;

/** A version's scores, most scored first: `answer_quality 0.82 (n=24)`, `grounded 91% pass (n=24)`; nothing without scores. */
export function VersionScores({ scores }: { scores: ScoreSummary[] | undefined }) {
  const list = scores ?? [];
  if (list.length === 0) return null;
  const rest = list.slice(SHOWN);
  return (
    <ul data-testid="version-scores" className="space-y-0.5 text-xs tabular-nums">
      {list.slice(0, SHOWN).map((summary) => (
        <li key={summary.name} data-testid="version-score" data-name={summary.name} title={describeScoreSummary(summary)} className="whitespace-nowrap">
          {summarizeScore(summary)}
        </li>
      ))}
      {rest.length > 0 ? (
        <li className="text-slate-500" title={rest.map(describeScoreSummary).join("\n")}>
          +{rest.length} more
        </li>
      ) : null}
    </ul>
  );
}
