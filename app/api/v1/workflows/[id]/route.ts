import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { getWorkflow } from "@/lib/agentfield/queries/workflows";

export const dynamic = "force-dynamic";

/** GET /api/v1/workflows/{id}: a run as an AgentField workflow (executions and the edges between them). */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId }) => {
    const id = checkId("id", (await context.params).id);
    const workflow = await getWorkflow(readDb, tenantId, id);
    if (!workflow) throw new NotFoundError(`No workflow ${id}`);
    return json(workflow);
  });
}
