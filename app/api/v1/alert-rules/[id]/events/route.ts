import { handleRead, json } from "@/lib/http/handler";
import { parseLimit, singleParam } from "@/lib/http/params";
import { checkRuleId } from "@/lib/alerts/params";
import { ruleEvents } from "@/lib/alerts/rules";
import type { AlertEventPage } from "@/lib/alerts/types";

export const dynamic = "force-dynamic";

/** GET /api/v1/alert-rules/{id}/events[?limit=]: the rule's history (firing, resolved, tests), newest first, each with its delivery attempts. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, url }) => {
    const id = checkRuleId((await context.params).id);
    const limit = parseLimit(singleParam(url.searchParams, "limit"), 50, 200);
    return json({ events: await ruleEvents(db, tenantId, id, limit) } satisfies AlertEventPage);
  });
}
