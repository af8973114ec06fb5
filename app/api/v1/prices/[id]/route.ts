import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { checkId, handleRead, json } from "@/lib/http/handler";
import { deletePriceOverride } from "@/lib/costs/queries/price-overrides";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/prices/{id}: removes a price and queues the job that reprices its model's spans. Needs `admin`. */
export function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    const id = checkId("id", (await context.params).id);
    const job = await recordedWrite(
      db,
      { tenantId, action: "price.delete", outcome: "ok", ...accessContextOf(request, principal) },
      (trx) => deletePriceOverride(trx, tenantId, id),
      (removed) => ({ target: { kind: "price", id }, details: { model: removed.model } }),
    );
    serverRuntime().repricer?.wake();
    return json({ deleted: id, job });
  }, { scope: "admin" });
}
