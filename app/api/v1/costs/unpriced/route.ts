import { handleRead, json } from "@/lib/http/read-api";
import { listUnpricedModels } from "@/lib/queries/unpriced-models";

export const dynamic = "force-dynamic";

/** GET /api/v1/costs/unpriced: models that used tokens but have no price, with tokens, spans and runs affected. */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => json({ models: await listUnpricedModels(db, tenantId) }));
}
