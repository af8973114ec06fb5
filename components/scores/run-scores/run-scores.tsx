"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState, ErrorPanel } from "@/components/empty-state";
import type { RecordedScores, RunScore, RunScoreList } from "@/lib/scores/types";
import { runApi, runKeys } from "@/components/runs/api";
import { ApiError } from "@/components/ui/api-client";
import { DataTable } from "@/components/ui/data-table";
import { NotAllowed } from "@/components/ui/not-allowed";
import { FeedbackForm } from "@/components/scores/run-scores/feedback-form";
import { ScoreRow } from "@/components/scores/run-scores/score-row";
import { scoreNodeId, withoutScore, withRecorded, type ActivationTarget } from "@/components/scores/target";

const COLUMNS = ["Score", "Value", "Comment", "On", { label: "Source", title: "telemetry: a GenAI evaluation event; API: posted with a key; dashboard: given here" }, "Author", "When", { label: <span className="sr-only">Actions</span> }];

interface Props {
  runId: string;
  /** The selected node's activation, which the form can score. */
  target: ActivationTarget | null;
  targetNote: string | null;
  /** The DAG's node ids: a score on a node the graph draws selects it. */
  nodeIds: ReadonlySet<string>;
  onSelectNode: (nodeId: string, spanId: string | null) => void;
  /** False for a viewer: no form and no delete buttons, as the server would refuse them. */
  mayScore: boolean;
}

/** The run's scores, newest first, and the feedback form; a score given or deleted shows at once. */
export function RunScores({ runId, target, targetNote, nodeIds, onSelectNode, mayScore }: Props) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: runKeys.scores(runId), queryFn: ({ signal }) => runApi.scores(runId, signal) });
  const edit = (change: (list: RunScore[]) => RunScore[]) => {
    client.setQueryData<RunScoreList>(runKeys.scores(runId), (old) => (old ? { ...old, scores: change(old.scores ?? []) } : old));
    // Then the server's word, and the runs list's score column.
    void client.invalidateQueries({ queryKey: runKeys.scores(runId) });
    void client.invalidateQueries({ queryKey: runKeys.allLists() });
  };
  const onRecorded = (recorded: RecordedScores) => edit((list) => withRecorded(list, recorded.scores ?? []));
  const onDelete = async (score: RunScore) => {
    try {
      await runApi.deleteScore(runId, score.id);
    } catch (error) {
      // Already gone (another tab, another user): what the user wanted.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    edit((list) => withoutScore(list, score.id));
  };
  const scores = query.data?.scores ?? [];

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <section aria-label="Scores of this run" data-testid="run-scores" data-count={query.data ? scores.length : undefined}>
        {query.isError ? (
          <ErrorPanel message={`The scores could not be loaded: ${query.error.message}`} />
        ) : query.isPending ? (
          <p role="status" className="py-6 text-center text-sm text-slate-500">
            Loading the scores…
          </p>
        ) : scores.length === 0 ? (
          <EmptyState title="No scores yet" testId="scores-empty">
            <p>
              Send them as the GenAI evaluation event (<code className="font-mono text-xs">gen_ai.evaluation.result</code> with{" "}
              <code className="font-mono text-xs">gen_ai.evaluation.name</code> and <code className="font-mono text-xs">gen_ai.evaluation.score.value</code>, as a span
              event or log record of this run), post them to <code className="font-mono text-xs">/api/v1/runs/{"{runId}"}/scores</code> (see the{" "}
              <Link href="/api-reference" className="text-sky-800 hover:underline">
                API reference
              </Link>
              ){mayScore ? ", or give feedback with the form" : ""}.
            </p>
          </EmptyState>
        ) : (
          <DataTable columns={COLUMNS} caption="Scores of this run, newest first" testId="scores-table">
            {scores.map((score) => (
              <ScoreRow key={score.id} score={score} nodeId={scoreNodeId(score, nodeIds)} onSelectNode={onSelectNode} onDelete={mayScore ? onDelete : null} />
            ))}
          </DataTable>
        )}
      </section>
      {mayScore ? (
        <FeedbackForm runId={runId} target={target} targetNote={targetNote} onRecorded={onRecorded} />
      ) : (
        <NotAllowed testId="feedback-not-allowed">Viewers can&apos;t add or delete scores. Ask an admin of this tenant for the member role to give feedback.</NotAllowed>
      )}
    </div>
  );
}
