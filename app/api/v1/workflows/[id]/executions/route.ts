import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { noteContentRead } from "@/lib/access-log/content-reads";
import { seesContent } from "@/lib/auth/request-principal";
import { hideExecutionContent } from "@/lib/content-visibility/hide";
import { listWorkflowExecutions } from "@/lib/agentfield/queries/workflows";
import { encodeExecutionCursor, parseExecutionListParams } from "@/lib/agentfield/params";
import type { ExecutionPage } from "@/lib/agentfield/types";

export const dynamic = "force-dynamic";

/** GET /api/v1/workflows/{id}/executions?limit=&cursor=: the workflow's executions in start order, with input and output. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, readDb, tenantId, url, principal }) => {
    const id = checkId("id", (await context.params).id);
    const params = parseExecutionListParams(url.searchParams);
    const page = await listWorkflowExecutions(readDb, tenantId, id, params);
    if (!page) throw new NotFoundError(`No workflow ${id}`);
    const body: ExecutionPage = {
      workflow_id: id,
      executions: seesContent(principal) ? page.executions : page.executions.map(hideExecutionContent),
      next_cursor: page.nextCursor ? encodeExecutionCursor(page.nextCursor) : null,
    };
    await noteContentRead(db, request, principal, { kind: "workflow", id }, "executions");
    return json(body);
  });
}
