import { UNPRICED_ORDER } from "@/lib/costs/list-orders";
import { LIST_LIMITS, pageAfter, parsePageParams } from "@/lib/http/pagination";
import { handleRead, json } from "@/lib/http/handler";
import type { UnpricedModelPage } from "@/lib/costs/types";
import { listUnpricedModels } from "@/lib/costs/queries/unpriced-models";

export const dynamic = "force-dynamic";

/** GET /api/v1/costs/unpriced[?limit=&cursor=]: models that used tokens but have no price, most tokens first. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ readDb, tenantId, url }) => {
    const page = parsePageParams(url.searchParams, LIST_LIMITS);
    const { items, nextCursor } = pageAfter(await listUnpricedModels(readDb, tenantId), page, UNPRICED_ORDER);
    return json({ models: items, nextCursor } satisfies UnpricedModelPage);
  });
}
