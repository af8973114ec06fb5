import { createHash } from "node:crypto";
import type { Attributes, AttributeValue } from "@/collector/decode/model";
import type { NewScore } from "@/lib/db/types";
import { SCORE_LIMITS } from "@/lib/scores/limits";
import type { ScoreDataType } from "@/lib/scores/types";

/**
 * The OpenTelemetry GenAI evaluation event (semantic conventions, gen-ai events): an evaluator's
 * verdict on a GenAI operation, as a span event on the span it judges or as a log record carrying
 * that span's context. Each becomes a score on the span's run.
 */
export const EVALUATION_EVENT = "gen_ai.evaluation.result";
export const EVALUATION_ATTRIBUTES = {
  name: "gen_ai.evaluation.name",
  value: "gen_ai.evaluation.score.value",
  label: "gen_ai.evaluation.score.label",
  explanation: "gen_ai.evaluation.explanation",
  /** Ours: a sender's id for the score, so that sending it again (or by the API) stores it once. */
  id: "codon.score.id",
} as const;

/** Where an evaluation event lands: its run and span, and when it was given. */
export interface EvaluationTarget {
  tenantId: string;
  runId: string;
  traceId: string | null;
  spanId: string | null;
  timeUnixNano: bigint;
  /** The run id is the trace id only because the record named no run: resolved once the trace's spans are stored. */
  pendingTrace: boolean;
}

export type EvaluationOutcome = { kind: "score"; score: NewScore } | { kind: "rejected"; message: string };

const ID_PATTERN = /^[A-Za-z0-9._:~-]+$/;

/** A finite number from a double, an int (JSON number or, past 2^53, a decimal string) or a numeric string. */
function numberOf(value: AttributeValue | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

const isBooleanLabel = (label: string | null) => label === "true" || label === "false";

/**
 * One evaluation event as a score row, or why it was refused: it needs a name (at most 256
 * characters) and a value (a finite number, or a boolean) or a label. A numeric value whose label
 * is "true" / "false" (or a boolean value) is a boolean score; a label alone is categorical. The
 * explanation is kept up to 4,096 characters. The id is the sender's `codon.score.id`, else a
 * digest of everything the score holds, so re-delivery stores nothing new.
 */
export function scoreFromEvaluation(attributes: Attributes, target: EvaluationTarget): EvaluationOutcome {
  const name = attributes[EVALUATION_ATTRIBUTES.name];
  if (typeof name !== "string" || name.trim() === "") return { kind: "rejected", message: `${EVALUATION_ATTRIBUTES.name} must be a non-empty string` };
  if (name.length > SCORE_LIMITS.name) return { kind: "rejected", message: `${EVALUATION_ATTRIBUTES.name} is longer than ${SCORE_LIMITS.name} characters` };
  const rawValue = attributes[EVALUATION_ATTRIBUTES.value];
  const rawLabel = attributes[EVALUATION_ATTRIBUTES.label];
  let label = typeof rawLabel === "string" && rawLabel.trim() !== "" ? rawLabel.trim() : null;
  if (label !== null && label.length > SCORE_LIMITS.label) return { kind: "rejected", message: `${EVALUATION_ATTRIBUTES.label} is longer than ${SCORE_LIMITS.label} characters` };
  let value: number | null;
  let dataType: ScoreDataType;
  if (typeof rawValue === "boolean") {
    value = rawValue ? 1 : 0;
    label ??= String(rawValue);
    dataType = "boolean";
  } else {
    value = numberOf(rawValue);
    if (rawValue !== undefined && rawValue !== null && rawValue !== "" && value === null) {
      return { kind: "rejected", message: `${EVALUATION_ATTRIBUTES.value} must be a finite number` };
    }
    dataType = value === null ? "categorical" : isBooleanLabel(label) && (value === 0 || value === 1) ? "boolean" : "numeric";
  }
  if (value === null && label === null) return { kind: "rejected", message: `an evaluation needs ${EVALUATION_ATTRIBUTES.value} or ${EVALUATION_ATTRIBUTES.label}` };
  const explanation = attributes[EVALUATION_ATTRIBUTES.explanation];
  const comment = typeof explanation === "string" && explanation.trim() !== "" ? explanation.trim().slice(0, SCORE_LIMITS.comment) : null;
  const givenId = attributes[EVALUATION_ATTRIBUTES.id];
  if (givenId !== undefined && (typeof givenId !== "string" || givenId.length === 0 || givenId.length > SCORE_LIMITS.id || !ID_PATTERN.test(givenId))) {
    return { kind: "rejected", message: `${EVALUATION_ATTRIBUTES.id} must be 1-${SCORE_LIMITS.id} letters, digits or . _ : ~ -` };
  }
  const row = {
    tenant_id: target.tenantId,
    run_id: target.runId,
    trace_id: target.traceId,
    span_id: target.spanId,
    name: name.trim(),
    data_type: dataType,
    value,
    label,
    comment,
    source: "telemetry" as const,
    author: null,
    time_unix_nano: target.timeUnixNano.toString(),
    pending_trace: target.pendingTrace,
  };
  const scoreId = typeof givenId === "string" ? givenId : digest(row);
  return { kind: "score", score: { ...row, score_id: scoreId } };
}

/** 128 bits of SHA-256 over what the score holds and where it points. */
function digest(row: Omit<NewScore, "score_id">): string {
  const fields = [row.run_id, row.trace_id, row.span_id, row.time_unix_nano, row.name, row.data_type, row.value, row.label, row.comment];
  return `t-${createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 32)}`;
}

/** Keeps the first score per id: one insert must not name a key twice. */
export class ScoreList {
  private readonly byId = new Map<string, NewScore>();

  add(score: NewScore): void {
    const key = `${score.tenant_id}\u0000${score.score_id}`;
    if (!this.byId.has(key)) this.byId.set(key, score);
  }

  list(): NewScore[] {
    return [...this.byId.values()];
  }
}
