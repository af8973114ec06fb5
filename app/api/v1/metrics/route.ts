import { handleRead, json } from "@/lib/http/handler";
import { encodeMetricCursor, parseMetricListQuery } from "@/lib/metrics/params";
import { listMetrics } from "@/lib/metrics/queries/metric-list";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics?service=&limit=&cursor=: the tenant's metrics (of one service), by service and name. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const page = await listMetrics(readDb, tenantId, parseMetricListQuery(url.searchParams));
    return json({ metrics: page.metrics, nextCursor: page.nextCursor ? encodeMetricCursor(page.nextCursor) : null });
  });
}
