"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { RecordedScores, ScoreInput } from "@/lib/scores/types";
import { runApi } from "@/components/runs/api";
import { inputClass } from "@/components/prices/form-field";
import { FormError, SubmitButton } from "@/components/ui/form-parts";
import { COMMENT_MAX, feedbackScore, newFeedbackId, RATINGS, type FeedbackChoice } from "@/components/scores/feedback";
import { describeActivation, type ActivationTarget } from "@/components/scores/target";

interface Props {
  runId: string;
  /** The selected node's activation; null: only the whole run can be scored. */
  target: ActivationTarget | null;
  /** Why there is no activation to score (a node that did not run, its activations loading). */
  targetNote: string | null;
  onRecorded: (recorded: RecordedScores) => void;
}

const CHIP =
  "inline-flex min-w-9 cursor-pointer items-center justify-center gap-1 rounded-md px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 select-none hover:bg-slate-50 " +
  "peer-checked:bg-slate-900 peer-checked:text-white peer-checked:ring-slate-900 peer-focus-visible:ring-2 peer-focus-visible:ring-sky-400";

/** A radio drawn as a button: the native input keeps arrow keys, focus and the accessible name. */
function Choice({ name, value, checked, onPick, label, ariaLabel, testId }: { name: string; value: string; checked: boolean; onPick: () => void; label: ReactNode; ariaLabel?: string; testId: string }) {
  return (
    <label className="inline-flex">
      <input type="radio" name={name} value={value} checked={checked} onChange={onPick} aria-label={ariaLabel} data-testid={testId} className="peer sr-only" />
      <span className={CHIP}>{label}</span>
    </label>
  );
}

/** Thumbs up / down or a 1–5 rating, with an optional comment, on the whole run or the selected activation. */
export function FeedbackForm({ runId, target, targetNote, onRecorded }: Props) {
  const id = useId();
  const [choice, setChoice] = useState<FeedbackChoice | null>(null);
  const [comment, setComment] = useState("");
  // The activation the user switched away from to score the whole run; another selection asks again.
  const [runInsteadOf, setRunInsteadOf] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // One client id per feedback: resending the same one (after a lost answer) stores it once; any edit is a new one.
  const pending = useRef<{ key: string; id: string } | null>(null);
  const onNode = target !== null && runInsteadOf !== target.spanId;
  const send = useMutation({
    mutationFn: ({ score }: { score: ScoreInput; on: string }) => runApi.addScores(runId, [score]),
    onSuccess: (recorded, { on }) => {
      pending.current = null;
      setChoice(null);
      setComment("");
      setDone(`Feedback on ${on} recorded.`);
      onRecorded(recorded);
    },
  });

  const edited = () => {
    setDone(null);
    setProblem(null);
    if (send.isError) send.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const spanId = onNode && target ? target.spanId : null;
    const key = JSON.stringify([choice, comment.trim(), spanId]);
    if (pending.current?.key !== key) pending.current = { key, id: newFeedbackId() };
    const result = feedbackScore({ choice, comment, spanId, id: pending.current.id });
    if ("problem" in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    send.mutate({ score: result.score, on: onNode && target ? describeActivation(target) : "the run" });
  };
  const error = problem ?? (send.isError ? `Not recorded: ${send.error.message}` : null);
  const pick = (next: FeedbackChoice) => () => {
    setChoice(next);
    edited();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="feedback-form" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Give feedback
      </h3>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium text-slate-600">On</legend>
        <label className="inline-flex items-center gap-2">
          <input type="radio" name={`${id}-target`} checked={!onNode} onChange={() => {
              if (target) setRunInsteadOf(target.spanId);
              edited();
            }} data-testid="feedback-target-run" />
          the whole run
        </label>
        {target ? (
          <label className="inline-flex items-center gap-2">
            <input type="radio" name={`${id}-target`} checked={onNode} onChange={() => {
                setRunInsteadOf(null);
                edited();
              }} data-testid="feedback-target-node" />
            <span>
              node <strong className="font-medium">{describeActivation(target)}</strong>
            </span>
          </label>
        ) : (
          <p className="text-xs text-slate-500">{targetNote ?? "Select a node in the graph to give feedback on it."}</p>
        )}
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-600">Your feedback</legend>
        <div className="flex flex-wrap items-center gap-1.5">
          <Choice name={`${id}-choice`} value="up" checked={choice === "up"} onPick={pick("up")} testId="feedback-up" label={<><span aria-hidden>👍</span> Thumbs up</>} />
          <Choice name={`${id}-choice`} value="down" checked={choice === "down"} onPick={pick("down")} testId="feedback-down" label={<><span aria-hidden>👎</span> Thumbs down</>} />
          <span className="mx-1 text-xs text-slate-500">or rate</span>
          {RATINGS.map((rating) => (
            <Choice key={rating} name={`${id}-choice`} value={rating} checked={choice === rating} onPick={pick(rating)} testId={`feedback-rating-${rating}`} ariaLabel={`${rating} out of 5`} label={rating} />
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-comment`} className="text-xs font-medium text-slate-600">
          Comment <span className="font-normal text-slate-400">(optional)</span>
        </label>
        <textarea
          id={`${id}-comment`}
          data-testid="feedback-comment"
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            edited();
          }}
          aria-describedby={`${id}-error`}
          className={`${inputClass} border-slate-300`}
          placeholder="What was good or wrong?"
        />
        {comment.length > COMMENT_MAX - 500 ? <p className="text-right text-xs tabular-nums text-slate-500">{comment.length.toLocaleString("en-US")} / {COMMENT_MAX.toLocaleString("en-US")}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={send.isPending} label="Send feedback" pendingLabel="Sending…" testId="feedback-submit" />
        <p role="status" data-testid="feedback-done" className="text-sm text-emerald-800">
          {done}
        </p>
      </div>
      <FormError id={`${id}-error`} testId="feedback-error" message={error} />
    </form>
  );
}
