import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead } from "@/lib/http/handler";
import { checkRuleId } from "@/lib/alerts/params";
import { deleteRule } from "@/lib/alerts/rules";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/alert-rules/{id}: removes the rule with its events and delivery log. 204. Needs `admin`. */
export function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    const id = checkRuleId((await context.params).id);
    await recordedWrite(
      db,
      { tenantId, action: "alert_rule.delete", outcome: "ok", ...accessContextOf(request, principal) },
      (trx) => deleteRule(trx, tenantId, id),
      () => ({ target: { kind: "alert_rule", id } }),
    );
    return new Response(null, { status: 204 });
  }, { scope: "admin" });
}
