import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { handleRead, InvalidBodyError, json, readJsonBody } from "@/lib/http/handler";
import { alertRuleInputSchema, createRule, listRules, MAX_RULES_PER_TENANT } from "@/lib/alerts/rules";
import type { AlertRuleCreated, AlertRuleList } from "@/lib/alerts/types";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 8 * 1024;

/** GET /api/v1/alert-rules: the tenant's alert rules with their state (secrets are never shown again). */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => json({ rules: await listRules(db, tenantId) } satisfies AlertRuleList));
}

/** POST /api/v1/alert-rules {name, workload?, deployment?, condition, threshold?, windowMinutes?, webhookUrl}: 201 with the rule and its signing secret, shown this once. Needs `admin`. */
export function POST(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    const input = await readJsonBody(request, MAX_BODY_BYTES, alertRuleInputSchema);
    const created = await recordedWrite(
      db,
      { tenantId, action: "alert_rule.create", outcome: "ok", ...accessContextOf(request, principal) },
      async (trx) => {
        const result = await createRule(trx, tenantId, input);
        // Thrown inside, so the refusal rolls back and nothing is recorded as done.
        if (result === "too_many") throw new InvalidBodyError(`a tenant keeps at most ${MAX_RULES_PER_TENANT} alert rules: delete one first`);
        return result;
      },
      // Never the webhook URL (it may carry a token) nor the signing secret.
      ({ rule }) => ({ target: { kind: "alert_rule", id: rule.id }, details: { name: rule.name, condition: rule.condition } }),
    );
    return Response.json(created satisfies AlertRuleCreated, { status: 201, headers: { "cache-control": "no-store" } });
  }, { scope: "admin" });
}
