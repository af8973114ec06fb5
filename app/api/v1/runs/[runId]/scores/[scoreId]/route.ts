import { requireFeedbackRight } from "@/lib/auth/request-principal";
import { checkId, handleRead, NotFoundError } from "@/lib/http/handler";
import { deleteRunScore } from "@/lib/scores/run-scores";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/runs/{runId}/scores/{scoreId}: removes one score. 204; 404 when the run has no such score. Needs `read`. */
export function DELETE(request: Request, context: { params: Promise<{ runId: string; scoreId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    requireFeedbackRight(principal);
    const params = await context.params;
    const runId = checkId("runId", params.runId);
    const scoreId = checkId("scoreId", params.scoreId);
    if (!(await deleteRunScore(db, tenantId, runId, scoreId))) throw new NotFoundError(`Run ${runId} has no score ${scoreId}`);
    return new Response(null, { status: 204 });
  });
}
