import { handleRead, json } from "@/lib/http/read-api";
import { listWorkloadStats } from "@/lib/queries/workloads";
import { parseWindow } from "@/lib/workloads/params";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads[?from=&to=]: each workload with its versions and the figures of runs in the window. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, url }) => json(await listWorkloadStats(db, tenantId, parseWindow(url.searchParams))));
}
