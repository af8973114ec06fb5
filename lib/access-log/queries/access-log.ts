import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { AccessLogTable, DB } from "@/lib/db/types";
import { ChainVerifier, type ChainVerification } from "@/lib/access-log/chain";
import type { AccessAction, AccessDetails, AccessLogEntry } from "@/lib/access-log/entry";
import type { AccessLogQuery } from "@/lib/access-log/params";

export function toAccessLogEntry(row: Selectable<AccessLogTable>): AccessLogEntry {
  return {
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: { kind: row.actor_kind, keyId: row.actor_key_id, label: row.actor_label },
    action: row.action as AccessAction,
    target: { kind: row.target_kind, id: row.target_id },
    outcome: row.outcome,
    clientIp: row.client_ip,
    userAgent: row.user_agent,
    details: row.details as AccessDetails,
  };
}

/** A tenant's entries, newest first, matching the filter; `limit` + 1 are read to tell whether more follow. */
export async function listAccessLog(db: Kysely<DB>, tenantId: string, query: AccessLogQuery): Promise<{ entries: AccessLogEntry[]; more: boolean }> {
  let select = db.selectFrom("access_log").selectAll().where("tenant_id", "=", tenantId);
  if (query.action) select = select.where("action", "=", query.action);
  if (query.outcome) select = select.where("outcome", "=", query.outcome);
  if (query.actor === "anonymous" || query.actor === "cli") select = select.where("actor_kind", "=", query.actor);
  else if (query.actor && /^\d+$/.test(query.actor)) select = select.where("actor_key_id", "=", query.actor);
  else if (query.actor) select = select.where("actor_label", "=", query.actor);
  if (query.from) select = select.where("occurred_at", ">=", query.from);
  if (query.to) select = select.where("occurred_at", "<", query.to);
  if (query.beforeSeq !== null) select = select.where("seq", "<", String(query.beforeSeq));
  const rows = await select.orderBy("seq", "desc").limit(query.limit + 1).execute();
  return { entries: rows.slice(0, query.limit).map(toAccessLogEntry), more: rows.length > query.limit };
}

/** Recomputes the tenant's whole chain, oldest first, read in pages of `pageSize` rows; only the last link is kept between rows. */
export async function verifyAccessLog(db: Kysely<DB>, tenantId: string, pageSize = 5000): Promise<ChainVerification> {
  const verifier = new ChainVerifier(tenantId);
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom("access_log").selectAll().where("tenant_id", "=", tenantId).where("seq", ">", String(after)).orderBy("seq").limit(pageSize).execute();
    for (const row of rows) if (!verifier.add({ entry: toAccessLogEntry(row), prevHash: row.prev_hash, hash: row.hash })) return verifier.result();
    if (rows.length < pageSize) break;
    after = Number(rows.at(-1)!.seq);
  }
  return verifier.result();
}
