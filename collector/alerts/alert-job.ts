import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { holdLease, releaseLease } from "@/lib/db/job-lease";
import { createLogger } from "@/lib/runtime/log";
import { deliverEvent, RETRY_DELAYS_SECONDS } from "@/lib/alerts/deliver";
import { queueEvent } from "@/lib/alerts/rules";
import { startPeriodic } from "@/collector/jobs/periodic";
import { breaks, measureRule } from "@/collector/alerts/measure";

const log = createLogger("alerts");
const JOB = "alert-rules";
/** Webhooks sent at once; the rest wait for the next round of the pass. */
const DELIVERY_CONCURRENCY = 4;
/** Due events taken per pass: a backlog drains over several passes instead of one long one. */
const DELIVERIES_PER_PASS = 100;

export interface AlertJobOptions {
  intervalMs?: number;
  firstPassMs?: number;
  holder?: string;
  nowMs?: () => number;
  /** Seconds between a failed attempt and the next (tests shorten them). */
  retryDelaysSeconds?: readonly number[];
}

export interface AlertJob {
  /** One pass now: every rule evaluated (a transition queues its webhook), then due webhooks sent. */
  pass(): Promise<{ evaluated: number; transitions: number; attempted: number }>;
  close(): Promise<void>;
}

/**
 * Evaluates every tenant's alert rules on a schedule and delivers their webhooks, on one collector
 * of several (a lease). A rule changes state only under its row lock, so it fires once per
 * episode: `firing` when its condition starts to hold, `resolved` when it stops.
 */
export function startAlerts(db: Kysely<DB>, options: AlertJobOptions = {}): AlertJob {
  const intervalMs = options.intervalMs ?? 60_000;
  const holder = options.holder ?? randomUUID();
  const nowMs = options.nowMs ?? Date.now;

  async function evaluate(): Promise<{ evaluated: number; transitions: number }> {
    const ids = await db.selectFrom("alert_rules").select(["tenant_id", "id"]).orderBy("tenant_id").orderBy("id").execute();
    let transitions = 0;
    for (const { tenant_id: tenantId, id } of ids) {
      if (periodic.stopping()) break;
      const changed = await db.transaction().execute(async (trx) => {
        const rule = await trx.selectFrom("alert_rules").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).forUpdate().executeTakeFirst();
        if (!rule) return false;
        const value = await measureRule(trx, rule, nowMs());
        const next = breaks(rule, value) ? "firing" : "ok";
        await sql`
          update alert_rules set last_value = ${value}, last_evaluated_at = now(),
            state = ${next}, state_since = ${next === rule.state && rule.state_since !== null ? sql`state_since` : sql`now()`}
          where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
        if (next === rule.state) return false;
        // The first evaluation of a rule that holds fires; one that starts out fine is just ok.
        await queueEvent(trx, { ...rule, state: next }, next === "firing" ? "firing" : "resolved", value);
        log.info(next === "firing" ? "alert firing" : "alert resolved", { tenant: rule.tenant_id, rule: rule.name, value });
        return true;
      });
      if (changed) transitions++;
    }
    return { evaluated: ids.length, transitions };
  }

  async function deliverDue(): Promise<number> {
    const due = await db.selectFrom("alert_events").select(["tenant_id", "id"]).where("next_attempt_at", "<=", sql<Date>`now()`).orderBy("next_attempt_at").limit(DELIVERIES_PER_PASS).execute();
    let next = 0;
    const worker = async () => {
      while (next < due.length && !periodic.stopping()) {
        const { tenant_id: tenantId, id } = due[next++]!;
        const outcome = await deliverEvent(db, tenantId, String(id), { retryDelaysSeconds: options.retryDelaysSeconds ?? RETRY_DELAYS_SECONDS });
        if (!outcome.delivered) log.warn("webhook not delivered", { event: String(id), status: outcome.status, error: outcome.error });
      }
    };
    await Promise.all(Array.from({ length: DELIVERY_CONCURRENCY }, worker));
    return due.length;
  }

  async function run(): Promise<{ evaluated: number; transitions: number; attempted: number }> {
    if (!(await holdLease(db, JOB, holder, Math.max(intervalMs * 3, 60_000)))) return { evaluated: 0, transitions: 0, attempted: 0 };
    const { evaluated, transitions } = await evaluate();
    return { evaluated, transitions, attempted: await deliverDue() };
  }

  const periodic = startPeriodic(run, {
    firstMs: options.firstPassMs ?? Math.min(30_000, intervalMs),
    intervalMs,
    failed: (error) => log.warn("evaluating alert rules failed; will retry", { error: error.message }),
  });
  return {
    pass: periodic.now,
    async close() {
      await periodic.close();
      await releaseLease(db, JOB, holder).catch(() => {});
    },
  };
}
