import { handleRead, json } from "@/lib/http/handler";
import { compareRuns } from "@/lib/workloads/queries/run-compare";
import { requireRunId } from "@/lib/workloads/params";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/compare?a=<runId>&b=<runId>: two runs node by node (a run literally named "compare" is reached through this only). */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const a = requireRunId(url.searchParams, "a");
    const b = requireRunId(url.searchParams, "b");
    return json(await compareRuns(readDb, tenantId, a, b));
  });
}
