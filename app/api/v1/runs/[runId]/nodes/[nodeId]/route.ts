import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { seesContent } from "@/lib/auth/request-principal";
import { hideNodeContent } from "@/lib/content-visibility/hide";
import { getRunNode } from "@/lib/runs/queries/run-spans";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/nodes/{nodeId}: one node for the inspector (spec, every activation). */
export function GET(request: Request, context: { params: Promise<{ runId: string; nodeId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, principal }) => {
    const params = await context.params;
    const runId = checkId("runId", params.runId);
    const nodeId = checkId("nodeId", params.nodeId);
    const detail = await getRunNode(readDb, tenantId, runId, nodeId);
    if (!detail) throw new NotFoundError(`No node ${nodeId} in run ${runId}`);
    return json(seesContent(principal) ? detail : hideNodeContent(detail));
  });
}
