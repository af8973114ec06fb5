import { handleRead, json } from "@/lib/http/handler";
import { requireContentRight, seesContent } from "@/lib/auth/request-principal";
import { hideLogContent } from "@/lib/content-visibility/hide";
import { encodeLogCursor, parseServiceLogQuery } from "@/lib/logs/params";
import { listServiceLogs } from "@/lib/logs/queries/service-logs";

export const dynamic = "force-dynamic";

/** GET /api/v1/logs?service=&severity=&q=&from=&to=&withoutRun=&limit=&cursor=: the tenant's log records, newest first. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url, principal }) => {
    const query = parseServiceLogQuery(url.searchParams);
    // A search of bodies would tell what they hold.
    if (query.text !== null) requireContentRight(principal);
    const page = await listServiceLogs(readDb, tenantId, query);
    return json({ logs: seesContent(principal) ? page.logs : page.logs.map(hideLogContent), nextCursor: page.nextCursor ? encodeLogCursor(page.nextCursor) : null });
  });
}
