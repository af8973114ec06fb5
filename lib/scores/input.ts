import { z } from "zod";
import { SCORE_LIMITS } from "@/lib/scores/limits";

export { SCORE_LIMITS, scoreValue, type ScoreValue } from "@/lib/scores/limits";

const ID_PATTERN = /^[A-Za-z0-9._:~-]+$/;
const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/;

/** Trims; no control characters but tab and newline (they would garble the list and logs). */
const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "required" : "must be a string") })
    .trim()
    .max(max, `at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), "no control characters");

export const scoreInputSchema = z
  .object({
    id: z.string().min(1).max(SCORE_LIMITS.id, `at most ${SCORE_LIMITS.id} characters`).regex(ID_PATTERN, "letters, digits and . _ : ~ - only").optional(),
    name: text(SCORE_LIMITS.name).pipe(z.string().min(1, "must not be empty")),
    value: z.union([
      z.number().finite("must be a finite number").min(-1e12).max(1e12),
      z.boolean(),
      text(SCORE_LIMITS.label).pipe(z.string().min(1, "must not be empty")),
    ], { error: "must be a number, a boolean or a label (string)" }),
    comment: text(SCORE_LIMITS.comment).optional(),
    spanId: z.string().regex(SPAN_ID_PATTERN, "must be 16 lowercase hex characters").optional(),
  })
  .strict();

export const scoreBatchSchema = z
  .object({ scores: z.array(scoreInputSchema).min(1, "must hold at least one score").max(SCORE_LIMITS.perRequest, `at most ${SCORE_LIMITS.perRequest} scores a request`) })
  .strict();
export type ParsedScoreInput = z.output<typeof scoreInputSchema>;
