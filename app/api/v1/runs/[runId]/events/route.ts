import { checkId, handleRead, NotFoundError } from "@/lib/http/handler";
import { SSE_HEADERS } from "@/lib/http/sse";
import { createLogger } from "@/lib/runtime/log";
import { getRun } from "@/lib/runs/queries/run-dag";
import { runEventStream } from "@/lib/runs/run-events";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
const log = createLogger("api");

/** GET /api/v1/runs/{runId}/events: Server-Sent Events, `event: run` each time the run's figures change. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => {
    const runId = checkId("runId", (await context.params).runId);
    if (!(await getRun(db, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    const stream = runEventStream({
      tenantId,
      runId,
      load: () => getRun(db, tenantId, runId),
      hub: serverRuntime().changes,
      signal: request.signal,
      onError: (error) => log.warn("run events: reload failed", { runId, error: error.message }),
    });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}
