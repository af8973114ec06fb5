import { handleRead, json } from "@/lib/http/handler";
import { encodeLogCursor, parseServiceLogQuery } from "@/lib/logs/params";
import { listServiceLogs } from "@/lib/logs/queries/service-logs";

export const dynamic = "force-dynamic";

/** GET /api/v1/logs?service=&severity=&q=&from=&to=&withoutRun=&limit=&cursor=: the tenant's log records, newest first. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const page = await listServiceLogs(readDb, tenantId, parseServiceLogQuery(url.searchParams));
    return json({ logs: page.logs, nextCursor: page.nextCursor ? encodeLogCursor(page.nextCursor) : null });
  });
}
