import { WORKLOAD_ORDER } from "@/lib/workloads/list-orders";
import { LIST_LIMITS, pageAfter, parsePageParams } from "@/lib/http/pagination";
import { handleRead, json } from "@/lib/http/handler";
import { listWorkloadStats } from "@/lib/workloads/queries/workloads";
import type { WorkloadListPage } from "@/lib/workloads/types";
import { parseWindow } from "@/lib/http/params";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads[?from=&to=&limit=&cursor=]: each workload with its versions and the figures of runs in the window, most recently seen first. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const page = parsePageParams(url.searchParams, LIST_LIMITS);
    const list = await listWorkloadStats(readDb, tenantId, parseWindow(url.searchParams));
    const { items, nextCursor } = pageAfter(list.workloads, page, WORKLOAD_ORDER);
    return json({ ...list, workloads: items, nextCursor } satisfies WorkloadListPage);
  });
}
