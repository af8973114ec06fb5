"use client";

import { useMutation } from "@tanstack/react-query";
import { formatAge } from "@/components/ui/format";
import type { RunScore } from "@/lib/scores/types";
import { exactTime } from "@/components/workloads/figures";
import { ScoreValue, SourceBadge } from "@/components/scores/score-parts";

const cell = "px-3 py-2 align-top";
const BUTTON = "rounded px-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

interface Props {
  score: RunScore;
  /** The DAG node the score is on, when the graph draws it: its name selects it. */
  nodeId: string | null;
  onSelectNode: (nodeId: string, spanId: string | null) => void;
  /** Null: the principal may not delete scores, so there is no button. */
  onDelete: ((score: RunScore) => Promise<unknown>) | null;
}

/** One score of the run: what, on what, from whom and when, with a delete button that asks first. */
export function ScoreRow({ score, nodeId, onSelectNode, onDelete }: Props) {
  const remove = useMutation({ mutationFn: () => (onDelete ? onDelete(score) : Promise.resolve()) });
  const confirmDelete = () => {
    if (window.confirm(`Delete the score “${score.name}”${score.nodeName ? ` on ${score.nodeName}` : ""}? This cannot be undone.`)) remove.mutate();
  };
  return (
    <tr data-testid="score-row" data-score-id={score.id} data-name={score.name} data-source={score.source} data-node={score.nodeName ?? ""} className="border-t border-slate-100">
      <td className={`${cell} font-medium text-slate-900`}>{score.name}</td>
      <td className={cell}>
        <ScoreValue score={score} />
      </td>
      <td className={`${cell} max-w-md whitespace-pre-wrap break-words text-slate-700`} data-testid="score-comment">
        {score.comment ?? <span className="text-slate-400">—</span>}
      </td>
      <td className={`${cell} whitespace-nowrap`} data-testid="score-target">
        {score.nodeName === null ? (
          <span className="text-slate-600">whole run</span>
        ) : nodeId ? (
          <button type="button" onClick={() => onSelectNode(nodeId, score.spanId)} className={`${BUTTON} font-medium text-sky-800 hover:underline`} title="Select this node in the graph">
            {score.nodeName}
          </button>
        ) : (
          <span title={score.spanId ?? undefined}>{score.nodeName}</span>
        )}
      </td>
      <td className={cell}>
        <SourceBadge source={score.source} />
      </td>
      <td className={`${cell} text-slate-700`}>{score.author ?? <span className="text-slate-400">—</span>}</td>
      <td className={`${cell} whitespace-nowrap text-slate-600`}>
        <time dateTime={score.time} title={exactTime(score.time)}>
          {formatAge(score.time)}
        </time>
      </td>
      <td className={`${cell} text-right`}>
        {onDelete ? (
          <button
            type="button"
            data-testid="score-delete"
            onClick={confirmDelete}
            disabled={remove.isPending}
            aria-label={`Delete the score ${score.name}`}
            className={`${BUTTON} text-xs text-red-700 hover:bg-red-50 disabled:cursor-wait disabled:opacity-60`}
          >
            {remove.isPending ? "Deleting…" : "Delete"}
          </button>
        ) : null}
        {remove.isError ? (
          <p role="alert" data-testid="score-delete-error" className="mt-1 max-w-48 text-left text-xs text-red-800">
            Not deleted: {remove.error.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
