import type { ScoreDataType } from "@/lib/scores/types";

// Without zod: the runs list's filter (a client component) reads these, and zod probes eval()
// when loaded, which the pages' CSP refuses.

// What a score may hold, whoever sends it (the API, the feedback form, telemetry): every length
// is bounded before anything is stored.
export const SCORE_LIMITS = {
  name: 256,
  label: 256,
  comment: 4096,
  id: 128,
  /** Scores one POST may carry. */
  perRequest: 100,
  /** Scores one run may hold from the API: a runaway client cannot grow a run without bound. */
  perRunFromApi: 10_000,
} as const;

/** What the table stores of a score's value. */
export interface ScoreValue {
  dataType: ScoreDataType;
  value: number | null;
  label: string | null;
}

/** number → numeric, boolean → boolean (1 / 0, labelled true / false), string → categorical. */
export function scoreValue(value: number | boolean | string): ScoreValue {
  if (typeof value === "boolean") return { dataType: "boolean", value: value ? 1 : 0, label: String(value) };
  if (typeof value === "number") return { dataType: "numeric", value, label: null };
  return { dataType: "categorical", value: null, label: value };
}
