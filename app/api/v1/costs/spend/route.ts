import { parseCostFilters, parseDimension, parseSpendBucket } from "@/lib/costs/params";
import { handleRead, json } from "@/lib/http/handler";
import { spendOverTime } from "@/lib/costs/queries/costs";

export const dynamic = "force-dynamic";

/** GET /api/v1/costs/spend?by=&bucket=&from=&to=&workload=&logicId=&deployment=: spend per day or week, split by one dimension. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const params = url.searchParams;
    return json(await spendOverTime(readDb, tenantId, parseCostFilters(params), parseDimension(params), parseSpendBucket(params)));
  });
}
