import { handleRead, json } from "@/lib/http/handler";
import { listMetricServices } from "@/lib/metrics/queries/metric-list";

export const dynamic = "force-dynamic";

/** GET /api/v1/metrics/services: the services that sent metrics. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId }) => json(await listMetricServices(readDb, tenantId)));
}
