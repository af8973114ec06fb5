import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { parseActivationParams } from "@/lib/runs/as-it-ran/as-ran-params";
import { getRunAsRan } from "@/lib/runs/queries/run-activations";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/activations?limit=: the run as it ran: an activation per node span, an edge per token. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const runId = checkId("runId", (await context.params).runId);
    const { limit } = parseActivationParams(url.searchParams);
    const graph = await getRunAsRan(readDb, tenantId, runId, limit);
    if (!graph) throw new NotFoundError(`No run ${runId}`);
    return json(graph);
  });
}
