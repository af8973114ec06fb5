import { VERSION_ORDER } from "@/lib/workloads/list-orders";
import { LIST_LIMITS, pageAfter, parsePageParams } from "@/lib/http/pagination";
import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { listWorkloadVersions } from "@/lib/workloads/queries/workload-versions";
import { parseWindow } from "@/lib/http/params";
import type { VersionListPage } from "@/lib/workloads/types";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads/{name}/versions[?from=&to=&limit=&cursor=]: every logic id, newest first, with run figures and static graph. */
export function GET(request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const name = checkId("name", (await context.params).name);
    const window = parseWindow(url.searchParams);
    const page = parsePageParams(url.searchParams, LIST_LIMITS);
    const list = await listWorkloadVersions(readDb, tenantId, name, window);
    if (list.versions.length === 0) throw new NotFoundError(`No workload ${name}`);
    const { items, nextCursor } = pageAfter(list.versions, page, VERSION_ORDER);
    return json({ ...list, versions: items, nextCursor } satisfies VersionListPage);
  });
}
