import { requireFeedbackRight } from "@/lib/auth/request-principal";
import { z } from "zod";
import { checkId, handleRead, InvalidBodyError, json, NotFoundError, readJsonBody } from "@/lib/http/handler";
import { jsonError } from "@/lib/http/responses";
import { getRun } from "@/lib/runs/queries/run-dag";
import { parseScoresBody } from "@/lib/scores/body";
import { scoreAuthor } from "@/lib/scores/author";
import { listRunScores, recordRunScores, ScoreConflictError, ScoreTargetError } from "@/lib/scores/run-scores";
import type { RecordedScores, RunScoreList } from "@/lib/scores/types";

export const dynamic = "force-dynamic";
/** 100 scores of 4 KiB comments each, with room for the JSON around them. */
const MAX_BODY_BYTES = 512 * 1024;

/** GET /api/v1/runs/{runId}/scores: the run's scores (on the run and on its node activations), newest first, at most 1,000. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId }) => {
    const runId = checkId("runId", (await context.params).runId);
    if (!(await getRun(readDb, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    return json({ runId, scores: await listRunScores(readDb, tenantId, runId) } satisfies RunScoreList);
  });
}

/**
 * POST /api/v1/runs/{runId}/scores {name, value, comment?, spanId?, id?} or {scores: [...]}: 201
 * with the scores as stored. A score with an id already stored returns the stored one; an id
 * another run's score holds is 409. Needs `read` (giving feedback is part of reviewing runs).
 */
export function POST(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    requireFeedbackRight(principal);
    const runId = checkId("runId", (await context.params).runId);
    const inputs = parseScoresBody(await readJsonBody(request, MAX_BODY_BYTES, z.unknown()));
    try {
      const scores = await recordRunScores(db, tenantId, runId, inputs, await scoreAuthor(db, principal, request));
      return Response.json({ scores } satisfies RecordedScores, { status: 201, headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof ScoreTargetError) throw new InvalidBodyError(error.message);
      if (error instanceof ScoreConflictError) return jsonError(409, "conflict", error.message);
      throw error;
    }
  });
}
