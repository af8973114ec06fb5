import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { encodeLogCursor, parseLogQuery } from "@/lib/logs/params";
import { listRunLogs } from "@/lib/logs/queries/run-logs";
import { getRun } from "@/lib/runs/queries/run-dag";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/logs?severity=&q=&traceId=&spanId=&limit=&cursor=: the run's log records, oldest first. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const runId = checkId("runId", (await context.params).runId);
    const query = parseLogQuery(url.searchParams);
    if (!(await getRun(readDb, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    const page = await listRunLogs(readDb, tenantId, runId, query);
    return json({ logs: page.logs, nextCursor: page.nextCursor ? encodeLogCursor(page.nextCursor) : null });
  });
}
