import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { noteContentRead } from "@/lib/access-log/content-reads";
import { requireContentRight, seesContent } from "@/lib/auth/request-principal";
import { hideLogContent } from "@/lib/content-visibility/hide";
import { encodeLogCursor, parseLogQuery } from "@/lib/logs/params";
import { listRunLogs } from "@/lib/logs/queries/run-logs";
import { getRun } from "@/lib/runs/queries/run-dag";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/logs?severity=&q=&traceId=&spanId=&limit=&cursor=: the run's log records, oldest first. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, readDb, tenantId, url, principal }) => {
    const runId = checkId("runId", (await context.params).runId);
    const query = parseLogQuery(url.searchParams);
    // A search of bodies would tell what they hold.
    if (query.text !== null) requireContentRight(principal);
    if (!(await getRun(readDb, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    const page = await listRunLogs(readDb, tenantId, runId, query);
    await noteContentRead(db, request, principal, { kind: "run", id: runId }, "logs");
    return json({ logs: seesContent(principal) ? page.logs : page.logs.map(hideLogContent), nextCursor: page.nextCursor ? encodeLogCursor(page.nextCursor) : null });
  });
}
