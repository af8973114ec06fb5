import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import { lockKeys } from "@/lib/db/advisory-locks";
import { inTransaction } from "@/lib/db/transaction";
import type { DB } from "@/lib/db/types";
import { boundDetails, cleanOptional, MAX_CLIENT_IP, MAX_LABEL, MAX_TARGET_ID, MAX_USER_AGENT } from "@/lib/access-log/bounds";
import { genesisHash, linkHash } from "@/lib/access-log/chain";
import type { AccessAction, AccessDetails, AccessLogEntry, AccessOutcome, ActorKind } from "@/lib/access-log/entry";

export interface AccessActor {
  kind: ActorKind;
  keyId: string | null;
  /** Omitted: the key's public prefix (or the user's email), looked up. */
  label?: string | null;
}

export interface NewAccessEntry {
  tenantId: string;
  action: AccessAction;
  outcome: AccessOutcome;
  actor: AccessActor;
  target?: { kind: string; id: string } | null;
  clientIp?: string | null;
  userAgent?: string | null;
  details?: AccessDetails;
  /** Tests back-date entries; the server always uses now. */
  occurredAt?: Date;
}

/** The per-tenant lock every append takes: two writers never read the same last link. */
export const accessLogLockKey = (tenantId: string) => `access-log:${tenantId}`;

async function keyLabel(trx: Transaction<DB>, actor: AccessActor): Promise<string | null> {
  if (actor.label !== undefined) return actor.label;
  if (actor.keyId === null || !/^\d{1,18}$/.test(actor.keyId)) return null;
  if (actor.kind === "user") {
    const user = await trx.selectFrom("users").select("email").where("id", "=", actor.keyId).executeTakeFirst();
    return user?.email ?? null;
  }
  const row = await trx.selectFrom("api_keys").select("key_prefix").where("id", "=", actor.keyId).executeTakeFirst();
  return row?.key_prefix ?? null;
}

/**
 * Appends one entry to its tenant's chain, in the caller's transaction when `db` is one (so the
 * entry commits with the action it records, or not at all), else in its own. The lock is taken
 * last in the transaction and held to its end: writers of one tenant queue for a moment only.
 */
export async function appendAccessEntry(db: Kysely<DB>, input: NewAccessEntry): Promise<AccessLogEntry> {
  return inTransaction(db, async (trx) => {
    await lockKeys(trx, [accessLogLockKey(input.tenantId)]);
    const last = await trx
      .selectFrom("access_log")
      .select(["seq", "hash"])
      .where("tenant_id", "=", input.tenantId)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const previous = last ? last.hash : genesisHash(input.tenantId);
    const entry: AccessLogEntry = {
      seq: last ? Number(last.seq) + 1 : 1,
      // Millisecond precision: what a JavaScript Date reads back, so the hash recomputes.
      occurredAt: new Date((input.occurredAt ?? new Date()).getTime()).toISOString(),
      actor: { kind: input.actor.kind, keyId: cleanOptional(input.actor.keyId, 32), label: cleanOptional(await keyLabel(trx, input.actor), MAX_LABEL) },
      action: input.action,
      target: { kind: cleanOptional(input.target?.kind, 32), id: cleanOptional(input.target?.id, MAX_TARGET_ID) },
      outcome: input.outcome,
      clientIp: cleanOptional(input.clientIp, MAX_CLIENT_IP),
      userAgent: cleanOptional(input.userAgent, MAX_USER_AGENT),
      details: boundDetails(input.details),
    };
    const hash = linkHash(previous, input.tenantId, entry);
    await trx
      .insertInto("access_log")
      .values({
        tenant_id: input.tenantId,
        seq: entry.seq,
        occurred_at: entry.occurredAt,
        actor_kind: entry.actor.kind,
        actor_key_id: entry.actor.keyId,
        actor_label: entry.actor.label,
        action: entry.action,
        target_kind: entry.target.kind,
        target_id: entry.target.id,
        outcome: entry.outcome,
        client_ip: entry.clientIp,
        user_agent: entry.userAgent,
        // As text cast to jsonb: the same on postgres.js and PGlite.
        details: sql<AccessDetails>`${JSON.stringify(entry.details)}::text::jsonb`,
        prev_hash: previous,
        hash,
      })
      .execute();
    return entry;
  });
}
