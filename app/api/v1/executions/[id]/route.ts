import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { noteContentRead } from "@/lib/access-log/content-reads";
import { seesContent } from "@/lib/auth/request-principal";
import { hideExecutionContent } from "@/lib/content-visibility/hide";
import { getExecution } from "@/lib/agentfield/queries/workflows";
import { ParamError } from "@/lib/http/params";
import { parseExecutionId } from "@/lib/agentfield/ids";

export const dynamic = "force-dynamic";

/** GET /api/v1/executions/{id}: one execution (`<trace id>-<span id>`) with input, output, error, timing and its workflow id. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, readDb, tenantId, principal }) => {
    const id = checkId("id", (await context.params).id);
    const span = parseExecutionId(id);
    if (!span) throw new ParamError("id", "not an execution id: <trace id (32 hex)>-<span id (16 hex)>");
    const execution = await getExecution(readDb, tenantId, span);
    if (!execution) throw new NotFoundError(`No execution ${id}`);
    await noteContentRead(db, request, principal, { kind: "execution", id }, "execution");
    return json(seesContent(principal) ? execution : hideExecutionContent(execution));
  });
}
