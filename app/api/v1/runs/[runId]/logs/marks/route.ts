import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { runLogMarks } from "@/lib/logs/queries/run-logs";
import { getRun } from "@/lib/runs/queries/run-dag";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/logs/marks: time and level of each line logged in one of the run's spans, for its timeline. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId }) => {
    const runId = checkId("runId", (await context.params).runId);
    if (!(await getRun(readDb, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    return json(await runLogMarks(readDb, tenantId, runId));
  });
}
