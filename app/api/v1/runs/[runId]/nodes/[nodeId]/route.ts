import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { noteContentRead } from "@/lib/access-log/content-reads";
import { seesContent } from "@/lib/auth/request-principal";
import { hideNodeContent } from "@/lib/content-visibility/hide";
import { getRunNode } from "@/lib/runs/queries/run-spans";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/nodes/{nodeId}: one node for the inspector (spec, every activation). */
export function GET(request: Request, context: { params: Promise<{ runId: string; nodeId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, readDb, tenantId, principal }) => {
    const params = await context.params;
    const runId = checkId("runId", params.runId);
    const nodeId = checkId("nodeId", params.nodeId);
    const detail = await getRunNode(readDb, tenantId, runId, nodeId);
    if (!detail) throw new NotFoundError(`No node ${nodeId} in run ${runId}`);
    await noteContentRead(db, request, principal, { kind: "run", id: runId }, "node");
    return json(seesContent(principal) ? detail : hideNodeContent(detail));
  });
}
