import { randomBytes } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import { z } from "zod";
import type { AlertRulesTable, DB } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/http/not-found";
import { ALERT_CONDITIONS, type AlertCondition, type AlertEventView, type AlertRuleView, type AlertWebhook } from "@/lib/alerts/types";
import { webhookUrlProblem } from "@/lib/alerts/webhook-hosts";
import { alertFigure as figure } from "@/lib/alerts/describe";

/** Rules a tenant may keep: each is evaluated every pass. */
export const MAX_RULES_PER_TENANT = 100;
const name = z.string().trim().min(1).max(200);

export const alertRuleInputSchema = z
  .object({
    name,
    workload: name.nullish(),
    deployment: name.nullish(),
    condition: z.enum(ALERT_CONDITIONS),
    threshold: z.number().finite().min(0).max(1e12).nullish(),
    windowMinutes: z.number().int().min(5).max(7 * 24 * 60).default(60),
    webhookUrl: z.string().trim().max(2000).superRefine((url, context) => {
      const problem = webhookUrlProblem(url);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.condition !== "version_regressed" && (input.threshold === null || input.threshold === undefined)) {
      context.addIssue({ code: "custom", path: ["threshold"], message: `${input.condition} needs a threshold` });
    }
    if (input.condition === "error_rate" && (input.threshold ?? 0) > 1) context.addIssue({ code: "custom", path: ["threshold"], message: "an error rate is a fraction: 0.05 for 5%" });
  });
export type AlertRuleInput = z.output<typeof alertRuleInputSchema>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function ruleView(row: Selectable<AlertRulesTable>): AlertRuleView {
  return {
    id: String(row.id),
    name: row.name,
    workload: row.workload_name,
    deployment: row.deployment_id,
    condition: row.condition,
    threshold: row.threshold,
    windowMinutes: Math.round(row.window_seconds / 60),
    webhookUrl: row.webhook_url,
    state: row.state,
    stateSince: iso(row.state_since),
    lastValue: row.last_value,
    lastEvaluatedAt: iso(row.last_evaluated_at),
    createdAt: iso(row.created_at)!,
  };
}

export async function listRules(db: Kysely<DB>, tenantId: string): Promise<AlertRuleView[]> {
  const rows = await db.selectFrom("alert_rules").selectAll().where("tenant_id", "=", tenantId).orderBy("id").execute();
  return rows.map(ruleView);
}

/** Creates a rule with a new signing secret; refuses past MAX_RULES_PER_TENANT (under the tenant's row lock, so two requests cannot both pass). */
export async function createRule(db: Kysely<DB>, tenantId: string, input: AlertRuleInput): Promise<{ rule: AlertRuleView; secret: string } | "too_many"> {
  return inTransaction(db, async (trx) => {
    await sql`select 1 from tenants where id = ${tenantId} for update`.execute(trx);
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from alert_rules where tenant_id = ${tenantId}`.execute(trx);
    if (Number(rows[0]!.n) >= MAX_RULES_PER_TENANT) return "too_many";
    const secret = `whsec_${randomBytes(24).toString("hex")}`;
    const row = await trx
      .insertInto("alert_rules")
      .values({
        tenant_id: tenantId,
        name: input.name,
        workload_name: input.workload ?? null,
        deployment_id: input.deployment ?? null,
        condition: input.condition,
        threshold: input.condition === "version_regressed" ? null : (input.threshold ?? null),
        window_seconds: input.windowMinutes * 60,
        webhook_url: input.webhookUrl,
        secret,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { rule: ruleView(row), secret };
  });
}

export async function deleteRule(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  const result = await db.deleteFrom("alert_rules").where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError(`No alert rule ${id}`);
}

export async function ruleOf(db: Kysely<DB>, tenantId: string, id: string): Promise<Selectable<AlertRulesTable>> {
  const row = await db.selectFrom("alert_rules").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No alert rule ${id}`);
  return row;
}

const CONDITION_TEXT: Record<AlertCondition, string> = { error_rate: "error rate", p95_duration: "p95 duration", cost_per_day: "cost over 24 h", version_regressed: "newest version regressed" };

/** "error rate 12.5% > 5.0% over 60 min (QA-Agent, prod)". */
export function summaryOf(rule: Selectable<AlertRulesTable>, kind: AlertWebhook["event"], value: number | null): string {
  const scope = [rule.workload_name ?? "every workload", rule.deployment_id].filter(Boolean).join(", ");
  if (kind === "alert.test") return `test of "${rule.name}" (${scope})`;
  const comparison =
    rule.condition === "version_regressed"
      ? figure(rule.condition, value)
      : `${CONDITION_TEXT[rule.condition]} ${figure(rule.condition, value)} ${kind === "alert.firing" ? ">" : "≤"} ${figure(rule.condition, rule.threshold)}${rule.condition === "cost_per_day" ? "" : ` over ${Math.round(rule.window_seconds / 60)} min`}`;
  return `${kind === "alert.firing" ? "FIRING" : "resolved"}: ${rule.name}: ${rule.condition === "version_regressed" ? `${CONDITION_TEXT[rule.condition]} (${comparison})` : comparison} (${scope})`;
}

/** Records an event of the rule with the webhook body it sends, due for delivery now. Returns its id. */
export async function queueEvent(db: Kysely<DB>, rule: Selectable<AlertRulesTable>, kind: "firing" | "resolved" | "test", value: number | null): Promise<string> {
  const { id } = await db.insertInto("alert_events").values({ tenant_id: rule.tenant_id, rule_id: rule.id, kind, value, body: {}, next_attempt_at: sql<Date>`now()` }).returning("id").executeTakeFirstOrThrow();
  const event = `alert.${kind}` as const;
  const body: AlertWebhook = {
    event,
    eventId: String(id),
    at: new Date().toISOString(),
    rule: { id: String(rule.id), name: rule.name, workload: rule.workload_name, deployment: rule.deployment_id, condition: rule.condition, threshold: rule.threshold, windowMinutes: Math.round(rule.window_seconds / 60) },
    value,
    summary: summaryOf(rule, event, value),
  };
  await sql`update alert_events set body = ${JSON.stringify(body)}::text::jsonb where tenant_id = ${rule.tenant_id} and id = ${id}`.execute(db);
  return String(id);
}

/** A rule's events, newest first (at most `limit`), each with its delivery attempts. */
export async function ruleEvents(db: Kysely<DB>, tenantId: string, ruleId: string, limit: number): Promise<AlertEventView[]> {
  await ruleOf(db, tenantId, ruleId);
  const events = await db.selectFrom("alert_events").selectAll().where("tenant_id", "=", tenantId).where("rule_id", "=", ruleId).orderBy("id", "desc").limit(limit).execute();
  if (events.length === 0) return [];
  const deliveries = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("event_id", "in", events.map((e) => e.id))
    .orderBy("attempt")
    .execute();
  return events.map((event) => ({
    id: String(event.id),
    kind: event.kind,
    at: iso(event.at)!,
    value: event.value,
    attempts: event.attempts,
    deliveredAt: iso(event.delivered_at),
    nextAttemptAt: iso(event.next_attempt_at),
    deliveries: deliveries
      .filter((d) => String(d.event_id) === String(event.id))
      .map((d) => ({ attempt: d.attempt, at: iso(d.at)!, status: d.status, error: d.error, durationMs: d.duration_ms })),
  }));
}
