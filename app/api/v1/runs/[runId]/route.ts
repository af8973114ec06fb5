import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { getRunDag } from "@/lib/runs/queries/run-dag";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}: the run with its DAG (nodes with timing, tokens, cost; edges by kind). */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId }) => {
    const runId = checkId("runId", (await context.params).runId);
    const dag = await getRunDag(readDb, tenantId, runId);
    if (!dag) throw new NotFoundError(`No run ${runId}`);
    return json(dag);
  });
}
