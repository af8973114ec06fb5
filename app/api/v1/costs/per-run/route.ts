import { parseCostFilters, parseSpendBucket } from "@/lib/costs/params";
import { handleRead, json } from "@/lib/http/handler";
import { costPerRunTrend } from "@/lib/costs/queries/costs";

export const dynamic = "force-dynamic";

/** GET /api/v1/costs/per-run?bucket=&from=&to=&workload=&logicId=&deployment=: average cost per finished run, per workload. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) =>
    json(await costPerRunTrend(readDb, tenantId, parseCostFilters(url.searchParams), parseSpendBucket(url.searchParams))),
  );
}
