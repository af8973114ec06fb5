import { checkId, handleRead, json } from "@/lib/http/handler";
import { compareVersions } from "@/lib/workloads/queries/version-compare";
import { parseWindow } from "@/lib/http/params";
import { requireLogicId } from "@/lib/workloads/params";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads/{name}/compare?a=<logicId>&b=<logicId>[&from=&to=]: graph diff and per-node deltas of b against a. */
export function GET(request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const name = checkId("name", (await context.params).name);
    const a = requireLogicId(url.searchParams, "a");
    const b = requireLogicId(url.searchParams, "b");
    return json(await compareVersions(readDb, tenantId, name, a, b, parseWindow(url.searchParams)));
  });
}
