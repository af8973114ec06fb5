import { checkId } from "@/lib/http/handler";
import { handleLive } from "@/lib/http/live";
import { createLogger } from "@/lib/runtime/log";
import { loadWorkflowSnapshot } from "@/lib/agentfield/queries/workflows";
import { serverRuntime } from "@/lib/runtime/registry";
import { workflowEventStream } from "@/lib/agentfield/event-stream";

export const dynamic = "force-dynamic";
const log = createLogger("api");

/**
 * GET /api/v1/workflows/{id}/events: Server-Sent Events `workflow.started`, `execution.started`,
 * `execution.completed` / `execution.failed`, (`workflow.failed`,) `workflow.completed`, then the
 * stream ends. An id nothing has arrived for yet is waited for (SSE_UNKNOWN_ID_WAIT_SECONDS), then
 * answered with `event: closed` (not_found).
 */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleLive(request, async ({ db, tenantId, signal, onClose, unknownIdWaitMs }) => {
    const id = checkId("id", (await context.params).id);
    const hub = serverRuntime().changes;
    return workflowEventStream({
      tenantId,
      workflowId: id,
      // One read per change for every stream of this workflow.
      load: () => hub.sharedLoad(tenantId, id, "workflow", () => loadWorkflowSnapshot(db, tenantId, id)),
      hub,
      signal,
      onClose,
      waitMs: unknownIdWaitMs,
      onError: (error) => log.warn("workflow events: reload failed", { workflowId: id, error: error.message }),
    });
  });
}
