import { checkId, handleRead } from "@/lib/http/handler";
import { SSE_HEADERS } from "@/lib/http/sse";
import { createLogger } from "@/lib/runtime/log";
import { loadWorkflowSnapshot } from "@/lib/agentfield/queries/workflows";
import { serverRuntime } from "@/lib/runtime/registry";
import { workflowEventStream } from "@/lib/agentfield/event-stream";

export const dynamic = "force-dynamic";
const log = createLogger("api");

/**
 * GET /api/v1/workflows/{id}/events: Server-Sent Events `workflow.started`, `execution.started`,
 * `execution.completed` / `execution.failed`, (`workflow.failed`,) `workflow.completed`, then the
 * stream ends. An id nothing has arrived for yet is not a 404: the stream waits for the run.
 */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => {
    const id = checkId("id", (await context.params).id);
    const stream = workflowEventStream({
      tenantId,
      workflowId: id,
      load: () => loadWorkflowSnapshot(db, tenantId, id),
      hub: serverRuntime().changes,
      signal: request.signal,
      onError: (error) => log.warn("workflow events: reload failed", { workflowId: id, error: error.message }),
    });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}
