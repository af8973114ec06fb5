import { describe, expect, it } from "vitest";
import { scoreFromEvaluation, type EvaluationTarget } from "@/collector/normalize/evaluation";

const target: EvaluationTarget = { tenantId: "default", runId: "run-1", traceId: "a".repeat(32), spanId: "b".repeat(16), timeUnixNano: 1_765_000_000_000_000_000n, pendingTrace: false };
const score = (attributes: Record<string, unknown>) => {
  const outcome = scoreFromEvaluation(attributes as never, target);
  if (outcome.kind !== "score") throw new Error(outcome.message);
  return outcome.score;
};
const refusal = (attributes: Record<string, unknown>) => {
  const outcome = scoreFromEvaluation(attributes as never, target);
  return outcome.kind === "rejected" ? outcome.message : null;
};

describe("scoreFromEvaluation", () => {
  it("reads a numeric score with its label and explanation", () => {
    expect(score({ "gen_ai.evaluation.name": "Relevance", "gen_ai.evaluation.score.value": 4, "gen_ai.evaluation.score.label": "relevant", "gen_ai.evaluation.explanation": "  on topic  " })).toMatchObject({
      run_id: "run-1", span_id: "b".repeat(16), name: "Relevance", data_type: "numeric", value: 4, label: "relevant", comment: "on topic", source: "telemetry", time_unix_nano: "1765000000000000000",
    });
  });

  it("reads pass/fail as boolean: a boolean value, or 0/1 labelled false/true; a label alone as categorical", () => {
    expect(score({ "gen_ai.evaluation.name": "grounded", "gen_ai.evaluation.score.value": true })).toMatchObject({ data_type: "boolean", value: 1, label: "true" });
    expect(score({ "gen_ai.evaluation.name": "grounded", "gen_ai.evaluation.score.value": 0, "gen_ai.evaluation.score.label": "false" })).toMatchObject({ data_type: "boolean", value: 0 });
    expect(score({ "gen_ai.evaluation.name": "grounded", "gen_ai.evaluation.score.value": 0.5, "gen_ai.evaluation.score.label": "true" })).toMatchObject({ data_type: "numeric", value: 0.5 });
    expect(score({ "gen_ai.evaluation.name": "tone", "gen_ai.evaluation.score.label": "rude" })).toMatchObject({ data_type: "categorical", value: null, label: "rude" });
    // An int sent as a string (int64 past 2^53, or a sloppy sender) still reads.
    expect(score({ "gen_ai.evaluation.name": "stars", "gen_ai.evaluation.score.value": "5" })).toMatchObject({ data_type: "numeric", value: 5 });
  });

  it("refuses what is not a score, saying what to fix", () => {
    expect(refusal({ "gen_ai.evaluation.score.value": 1 })).toBe("gen_ai.evaluation.name must be a non-empty string");
    expect(refusal({ "gen_ai.evaluation.name": "  ", "gen_ai.evaluation.score.value": 1 })).toBe("gen_ai.evaluation.name must be a non-empty string");
    expect(refusal({ "gen_ai.evaluation.name": "x".repeat(257), "gen_ai.evaluation.score.value": 1 })).toBe("gen_ai.evaluation.name is longer than 256 characters");
    expect(refusal({ "gen_ai.evaluation.name": "q" })).toBe("an evaluation needs gen_ai.evaluation.score.value or gen_ai.evaluation.score.label");
    expect(refusal({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": "high" })).toBe("gen_ai.evaluation.score.value must be a finite number");
    expect(refusal({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": "1e999" })).toBe("gen_ai.evaluation.score.value must be a finite number");
    expect(refusal({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": 1, "codon.score.id": "bad id!" })).toMatch(/^codon.score.id must be/);
  });

  it("cuts a long explanation at 4,096 characters instead of refusing the score", () => {
    expect(score({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": 1, "gen_ai.evaluation.explanation": "x".repeat(10_000) }).comment).toHaveLength(4096);
  });

  it("keys a score by the sender's id, else by what it holds: the same event gives the same key, another event another", () => {
    expect(score({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": 1, "codon.score.id": "eval-42" }).score_id).toBe("eval-42");
    const first = score({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": 1 }).score_id;
    expect(score({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": 1 }).score_id).toBe(first);
    expect(score({ "gen_ai.evaluation.name": "q", "gen_ai.evaluation.score.value": 2 }).score_id).not.toBe(first);
    expect(first).toMatch(/^t-[0-9a-f]{32}$/);
  });
});
