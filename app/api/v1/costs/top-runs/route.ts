import { parseCostFilters, parseTopRunsPage } from "@/lib/costs/params";
import { handleRead, json } from "@/lib/http/handler";
import { topRunsByCost } from "@/lib/costs/queries/costs";

export const dynamic = "force-dynamic";

/** GET /api/v1/costs/top-runs?limit=&cursor=&from=&to=&workload=&logicId=&deployment=: the most expensive runs, cursor-paginated. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const { limit, after } = parseTopRunsPage(url.searchParams);
    return json(await topRunsByCost(readDb, tenantId, parseCostFilters(url.searchParams), limit, after));
  });
}
