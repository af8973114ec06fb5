import { handleRead, json } from "@/lib/http/handler";
import { listRuns } from "@/lib/runs/queries/run-list";
import { parseRunListParams } from "@/lib/runs/list-params";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs: newest first, filtered, cursor-paginated. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => json(await listRuns(readDb, tenantId, parseRunListParams(url.searchParams))));
}
