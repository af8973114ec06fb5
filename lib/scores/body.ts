import "server-only";
import { validateBody } from "@/lib/http/handler";
import { scoreBatchSchema, scoreInputSchema, type ParsedScoreInput } from "@/lib/scores/input";

/** POST /api/v1/runs/{runId}/scores: one score, or `{ scores: [...] }`; throws InvalidBodyError naming the bad field. */
export function parseScoresBody(body: unknown): ParsedScoreInput[] {
  if (body !== null && typeof body === "object" && !Array.isArray(body) && "scores" in body) return validateBody(scoreBatchSchema, body).scores;
  return [validateBody(scoreInputSchema, body)];
}
