/** The OpenTelemetry GenAI evaluation event: a score travels as a span event or a log record of this name. */
export const SCORE_EVENT_NAME = "gen_ai.evaluation.result";
// The collector's limits (it refuses an evaluation event past them), checked here so a bad score fails where it is recorded.
export const MAX_SCORE_NAME_LENGTH = 256;
export const MAX_SCORE_LABEL_LENGTH = 256;
/** `codon.score.id`: 1 to 128 letters, digits or `. _ : ~ -`. */
export const SCORE_ID_PATTERN = /^[A-Za-z0-9._:~-]{1,128}$/;

/** A score as a caller gives it: a number, a pass/fail boolean, a categorical label, or a number with a label. */
export interface ScoreInput {
  /** `gen_ai.evaluation.name`, e.g. `answer_quality`: 1 to 256 characters. */
  readonly name: string;
  /** A finite number, or a boolean sent as 1 / 0 with the label `true` / `false`. */
  readonly value?: number | boolean;
  /** `gen_ai.evaluation.score.label`: a category alone, or beside a numeric value (at most 256 characters). Not with a boolean. */
  readonly label?: string;
  /** `gen_ai.evaluation.explanation`: why the score is what it is. */
  readonly explanation?: string;
  /** `codon.score.id`: a client-chosen id (1 to 128 of `A-Z a-z 0-9 . _ : ~ -`); sending the same id again stores nothing new. */
  readonly id?: string;
}

/** A validated score, as it goes on the wire (null: attribute left out). */
export interface Score {
  readonly name: string;
  readonly value: number | null;
  readonly label: string | null;
  readonly explanation: string | null;
  readonly id: string | null;
}

/** A score recorded inside a node (`runtime.recordScore`), as the report and observers see it. */
export interface RecordedScore extends Score {
  /** ISO 8601, UTC, from the run's clock. */
  readonly timestamp: string;
}

/** Checks `input` and turns it into a Score; throws a TypeError naming the bad field. `where` prefixes the message. */
export function normalizeScore(input: ScoreInput, where: string): Score {
  const invalid = (problem: string) => new TypeError(`${where}: ${problem}`);
  if (typeof input !== "object" || input === null) throw invalid("expected a score object { name, value?, label?, explanation?, id? }");
  const { name } = input;
  if (typeof name !== "string" || name.trim() === "") throw invalid("name must be a non-empty string");
  if (name.length > MAX_SCORE_NAME_LENGTH) throw invalid(`name must be at most ${MAX_SCORE_NAME_LENGTH} characters, got ${name.length}`);
  const value: unknown = input.value ?? null;
  if (value !== null && typeof value !== "boolean" && !(typeof value === "number" && Number.isFinite(value))) {
    throw invalid(`score '${name}': value must be a finite number or a boolean, got ${String(value)}`);
  }
  const label: unknown = input.label ?? null;
  if (label !== null && (typeof label !== "string" || label.trim() === "")) throw invalid(`score '${name}': label must be a non-empty string when given`);
  if (typeof label === "string" && label.length > MAX_SCORE_LABEL_LENGTH) {
    throw invalid(`score '${name}': label must be at most ${MAX_SCORE_LABEL_LENGTH} characters, got ${label.length}`);
  }
  const id: unknown = input.id ?? null;
  if (id !== null && (typeof id !== "string" || !SCORE_ID_PATTERN.test(id))) {
    throw invalid(`score '${name}': id must be 1 to 128 letters, digits or . _ : ~ -, got ${JSON.stringify(id)}`);
  }
  const explanation: unknown = input.explanation ?? null;
  if (explanation !== null && typeof explanation !== "string") throw invalid(`score '${name}': explanation must be a string`);
  if (value === null && label === null) throw invalid(`score '${name}' needs a value or a label`);
  if (typeof value === "boolean" && label !== null) {
    throw invalid(`score '${name}': a boolean is sent with the label "true" / "false" by itself; leave label out`);
  }
  return Object.freeze({
    name,
    value: typeof value === "boolean" ? (value ? 1 : 0) : (value as number | null),
    label: typeof value === "boolean" ? String(value) : (label as string | null),
    explanation: explanation as string | null,
    id: id as string | null,
  });
}
