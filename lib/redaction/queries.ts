import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DB, JsonValue } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { parseStoredRules } from "@/lib/redaction/stored-rules";
import type { RedactionRule, RedactionSettings } from "@/lib/redaction/types";

/** What ingest needs of a tenant: its rules in order and its hashing key. */
export interface TenantRedaction {
  rules: RedactionRule[];
  hashKey: Uint8Array;
  /** Stored rules left out: unknown to this version, or a pattern that no longer compiles. */
  skipped: number;
}

/** A tenant's rules and key; null when it has none saved (nothing is redacted). */
export async function loadTenantRedaction(db: Kysely<DB>, tenantId: string): Promise<TenantRedaction | null> {
  const row = await db.selectFrom("redaction_settings").select(["rules", "hash_key"]).where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!row) return null;
  const { rules, invalid } = parseStoredRules(row.rules);
  return { rules, hashKey: row.hash_key, skipped: invalid };
}

/** GET /api/v1/settings/redaction. */
export async function getRedactionSettings(db: Kysely<DB>, tenantId: string): Promise<RedactionSettings> {
  const row = await db.selectFrom("redaction_settings").select(["rules", "updated_at"]).where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!row) return { rules: [], updatedAt: null };
  return { rules: parseStoredRules(row.rules).rules, updatedAt: new Date(row.updated_at).toISOString() };
}

/** Replaces a tenant's rules; its hashing key is made on the first save and kept after, so hashes stay comparable. */
export async function setRedactionRules(db: Kysely<DB>, tenantId: string, rules: readonly RedactionRule[]): Promise<void> {
  // As text cast to jsonb: postgres.js would send a JS array as a PostgreSQL array.
  const stored = sql<JsonValue[]>`${JSON.stringify(rules)}::text::jsonb`;
  await inTransaction(db, async (trx) => {
    await trx.insertInto("tenants").values({ id: tenantId, name: tenantId }).onConflict((oc) => oc.column("id").doNothing()).execute();
    await trx
      .insertInto("redaction_settings")
      .values({ tenant_id: tenantId, rules: stored, hash_key: randomBytes(32), updated_at: new Date() })
      .onConflict((oc) => oc.column("tenant_id").doUpdateSet((eb) => ({ rules: eb.ref("excluded.rules"), updated_at: eb.ref("excluded.updated_at") })))
      .execute();
  });
}
