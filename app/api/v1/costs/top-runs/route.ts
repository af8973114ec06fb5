import { parseCostFilters, parseTopRunsLimit } from "@/lib/costs/params";
import { handleRead, json } from "@/lib/http/read-api";
import { topRunsByCost } from "@/lib/queries/costs";

export const dynamic = "force-dynamic";

/** GET /api/v1/costs/top-runs?limit=&from=&to=&workload=&logicId=&deployment=: the most expensive runs. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, url }) =>
    json(await topRunsByCost(db, tenantId, parseCostFilters(url.searchParams), parseTopRunsLimit(url.searchParams))),
  );
}
