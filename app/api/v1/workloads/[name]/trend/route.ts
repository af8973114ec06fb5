import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { workloadTrend } from "@/lib/workloads/queries/workload-trend";
import { parseWindow } from "@/lib/http/params";
import { parseBucket } from "@/lib/workloads/params";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads/{name}/trend[?from=&to=&bucket=hour|day|week]: p95 duration and cost per run over time, version boundaries. */
export function GET(request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const name = checkId("name", (await context.params).name);
    const trend = await workloadTrend(readDb, tenantId, name, parseWindow(url.searchParams), parseBucket(url.searchParams));
    if (!trend) throw new NotFoundError(`No workload ${name}`);
    return json(trend);
  });
}
