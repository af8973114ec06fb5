import { checkId, NotFoundError } from "@/lib/http/handler";
import { handleLive } from "@/lib/http/live";
import { createLogger } from "@/lib/runtime/log";
import { getRun } from "@/lib/runs/queries/run-dag";
import { runEventStream } from "@/lib/runs/run-events";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
const log = createLogger("api");

/** GET /api/v1/runs/{runId}/events: Server-Sent Events, `event: run` each time the run's figures change. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleLive(request, async ({ db, tenantId, signal, onClose }) => {
    const runId = checkId("runId", (await context.params).runId);
    const hub = serverRuntime().changes;
    // One read per change for every stream of this run.
    const load = () => hub.sharedLoad(tenantId, runId, "run", () => getRun(db, tenantId, runId));
    if (!(await load())) throw new NotFoundError(`No run ${runId}`);
    return runEventStream({
      tenantId,
      runId,
      load,
      hub,
      signal,
      onClose,
      onError: (error) => log.warn("run events: reload failed", { runId, error: error.message }),
    });
  });
}
