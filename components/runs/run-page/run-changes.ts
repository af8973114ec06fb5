// A run's live event carries only its figures (a RunView), never what changed. Which figures moved
// since the last event tells which of the run's stores can have changed, so a live page reloads only
// those: spans are only ever added (or repriced), and audit events only move the run's time range,
// node and error counts and status (collector/store/run-aggregates.ts).

import type { RunView } from "@/lib/runs/types";

/** The run's views that may be out of date. */
export interface StaleViews {
  /** The DAG and the header: they show every figure. */
  dag: boolean;
  /** The timeline, the spans list and node details (activations). */
  spans: boolean;
  /** The audit ledger. */
  ledger: boolean;
}

/** Figures only spans move: every new span adds to spanCount; repricing moves tokens' cost. */
const SPAN_FIGURES = ["spanCount", "inputTokens", "outputTokens", "totalTokens", "costUsd"] as const;
/** Figures audit events move (spans move them too). */
const LEDGER_FIGURES = ["status", "startTimeUnixNano", "endTimeUnixNano", "nodeCount", "errorCount", "errorMessage"] as const;

const EVERYTHING: StaleViews = { dag: true, spans: true, ledger: true };
const NOTHING: StaleViews = { dag: false, spans: false, ledger: false };

/** What to reload after a run event; everything when there is nothing to compare with. */
export function staleViews(before: RunView | null, after: RunView | null): StaleViews {
  if (!before || !after) return EVERYTHING;
  const moved = (fields: readonly (keyof RunView)[]) => fields.some((field) => before[field] !== after[field]);
  const spans = moved(SPAN_FIGURES);
  const ledger = moved(LEDGER_FIGURES);
  const dag = spans || ledger || moved(Object.keys(after) as (keyof RunView)[]);
  return dag ? { dag, spans, ledger } : NOTHING;
}

/** An event's data as a run, or null when it is not one. */
export function parseRunEvent(data: string): RunView | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null && "runId" in value && typeof value.runId === "string" ? (value as RunView) : null;
  } catch {
    return null;
  }
}
