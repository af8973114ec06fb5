import { handleRead, json } from "@/lib/http/handler";
import { deliverEvent } from "@/lib/alerts/deliver";
import { checkRuleId } from "@/lib/alerts/params";
import { queueEvent, ruleEvents, ruleOf } from "@/lib/alerts/rules";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/alert-rules/{id}/test: sends the rule's webhook an `alert.test` event now and
 * answers with the event and its first attempt (failed attempts are retried like any other).
 * Needs `admin`.
 */
export function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => {
    const rule = await ruleOf(db, tenantId, checkRuleId((await context.params).id));
    const eventId = await queueEvent(db, rule, "test", null);
    await deliverEvent(db, tenantId, eventId);
    const [event] = (await ruleEvents(db, tenantId, String(rule.id), 50)).filter((e) => e.id === eventId);
    return json(event);
  }, { scope: "admin" });
}
