import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { signWebhook } from "@/lib/alerts/signature";
import { webhookUrlProblem } from "@/lib/alerts/webhook-hosts";

/** Seconds to wait after attempt n fails (n = 1, 2, …); after the last, the event is given up. */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 1800];
const TIMEOUT_MS = 10_000;
/** Of a response body, at most this much is read (into the log's error text). */
const MAX_ERROR_TEXT = 200;

export interface DeliveryOutcome {
  status: number | null;
  error: string | null;
  delivered: boolean;
}

/**
 * One attempt to deliver an alert event: POST its body, signed with the rule's secret, no
 * redirects followed (a redirect could lead anywhere), 10 s at most. Records the attempt in
 * webhook_deliveries and the event's next attempt (backoff), or its delivery.
 */
export async function deliverEvent(
  db: Kysely<DB>,
  tenantId: string,
  eventId: string,
  options: { retryDelaysSeconds?: readonly number[] } = {},
): Promise<DeliveryOutcome> {
  const row = await db
    .selectFrom("alert_events as e")
    .innerJoin("alert_rules as r", (join) => join.onRef("r.tenant_id", "=", "e.tenant_id").onRef("r.id", "=", "e.rule_id"))
    .select(["e.id", "e.body", "e.attempts", "r.webhook_url", "r.secret"])
    .where("e.tenant_id", "=", tenantId)
    .where("e.id", "=", eventId)
    .executeTakeFirst();
  if (!row) return { status: null, error: "the event no longer exists", delivered: false };
  const attempt = row.attempts + 1;
  const body = JSON.stringify(row.body);
  const started = performance.now();
  let outcome: DeliveryOutcome;
  const problem = webhookUrlProblem(row.webhook_url);
  if (problem) {
    outcome = { status: null, error: `webhook URL ${problem}`, delivered: false };
  } else {
    try {
      const response = await fetch(row.webhook_url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          "content-type": "application/json",
          "user-agent": "codon-observatory-webhooks",
          "x-codon-event-id": row.id,
          "x-codon-signature": signWebhook(row.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      const delivered = response.status >= 200 && response.status < 300;
      const text = delivered ? "" : (await response.text().catch(() => "")).slice(0, MAX_ERROR_TEXT);
      outcome = { status: response.status, error: delivered ? null : `answered ${response.status}${text ? `: ${text}` : ""}`, delivered };
    } catch (error) {
      outcome = { status: null, error: (error as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (error as Error).message, delivered: false };
    }
  }
  const durationMs = Math.round(performance.now() - started);
  const retryIn = (options.retryDelaysSeconds ?? RETRY_DELAYS_SECONDS)[attempt - 1];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("webhook_deliveries").values({ tenant_id: tenantId, event_id: row.id, attempt, status: outcome.status, error: outcome.error, duration_ms: durationMs }).execute();
    await sql`
      update alert_events set attempts = ${attempt}, last_status = ${outcome.status}, last_error = ${outcome.error},
        delivered_at = ${outcome.delivered ? sql`now()` : sql`null`},
        next_attempt_at = ${outcome.delivered || retryIn === undefined ? sql`null` : sql`now() + ${retryIn} * interval '1 second'`}
      where tenant_id = ${tenantId} and id = ${row.id}`.execute(trx);
  });
  return outcome;
}
