import { checkId, handleRead, json } from "@/lib/http/handler";
import { getRepriceJob } from "@/lib/costs/queries/price-overrides";

export const dynamic = "force-dynamic";

/** GET /api/v1/prices/jobs/{id}: a repricing job's status and progress. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => json(await getRepriceJob(db, tenantId, checkId("id", (await context.params).id))));
}
