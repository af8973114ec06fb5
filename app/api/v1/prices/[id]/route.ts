import { checkId, handleRead, json } from "@/lib/http/handler";
import { deletePriceOverride } from "@/lib/costs/queries/price-overrides";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/prices/{id}: removes a price and queues the job that reprices its model's spans. Needs `admin`. */
export function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => {
    const id = checkId("id", (await context.params).id);
    const job = await deletePriceOverride(db, tenantId, id);
    serverRuntime().repricer?.wake();
    return json({ deleted: id, job });
  }, { scope: "admin" });
}
