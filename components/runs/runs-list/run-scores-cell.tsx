import { Fragment } from "react";
import { DASH } from "@/components/scores/format";
import { briefFigure, describeBriefs, INLINE_BRIEFS } from "@/components/runs/runs-list/score-brief";
import type { RunScoreBrief } from "@/lib/scores/types";

const PASS_CLASS = { true: "text-emerald-700", false: "text-red-700", null: "text-slate-900" } as const;

/** The runs list's Scores cell: `helpfulness 4.5 · grounded ✓ · tone rude +2`, details in the title. */
export function RunScoresCell({ scores }: { scores: readonly RunScoreBrief[] | undefined }) {
  if (!scores || scores.length === 0) {
    return (
      <td className="px-3 py-2 text-slate-400" data-testid="run-scores">
        {DASH}
      </td>
    );
  }
  const hidden = scores.length - INLINE_BRIEFS;
  return (
    <td className="max-w-72 px-3 py-2 text-xs text-slate-600" data-testid="run-scores" title={describeBriefs(scores)}>
      {scores.slice(0, INLINE_BRIEFS).map((brief, i) => {
        const figure = briefFigure(brief);
        return (
          <Fragment key={brief.name}>
            {i > 0 ? <span aria-hidden="true"> · </span> : null}
            <span data-testid="run-score" data-score-name={brief.name} className="whitespace-nowrap">
              {brief.name}{" "}
              <span className={`font-medium tabular-nums ${PASS_CLASS[`${figure.pass}`]}`}>
                {figure.spoken ? (
                  <>
                    <span aria-hidden="true">{figure.text}</span>
                    <span className="sr-only">{figure.spoken}</span>
                  </>
                ) : (
                  figure.text
                )}
              </span>
            </span>
          </Fragment>
        );
      })}
      {hidden > 0 ? <span className="ml-1 text-slate-400">+{hidden}</span> : null}
    </td>
  );
}
