import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/types";

const KEY_PREFIX = "cok_";
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Only this digest is stored; the key itself is shown once, when created. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export interface CreatedApiKey {
  id: string;
  tenantId: string;
  key: string;
  prefix: string;
}

/** Creates a key for the tenant (and the tenant itself when new). */
export async function createApiKey(db: Kysely<DB>, tenantId: string, name: string | null): Promise<CreatedApiKey> {
  if (!TENANT_ID_PATTERN.test(tenantId)) {
    throw new Error(`Tenant id "${tenantId}" is invalid: use 1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit`);
  }
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  return db.transaction().execute(async (trx) => {
    await trx.insertInto("tenants").values({ id: tenantId, name: tenantId }).onConflict((oc) => oc.column("id").doNothing()).execute();
    const row = await trx
      .insertInto("api_keys")
      .values({ tenant_id: tenantId, name, key_prefix: prefix, key_hash: hashApiKey(key) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, tenantId, key, prefix };
  });
}

export function listApiKeys(db: Kysely<DB>) {
  return db
    .selectFrom("api_keys")
    .select(["id", "tenant_id", "name", "key_prefix", "created_at", "last_used_at", "revoked_at"])
    .orderBy("created_at")
    .execute();
}

/** Revokes keys by id or by their displayed prefix; returns how many were revoked. */
export async function revokeApiKey(db: Kysely<DB>, idOrPrefix: string): Promise<number> {
  const result = await db
    .updateTable("api_keys")
    .set({ revoked_at: new Date() })
    .where((eb) => (/^\d+$/.test(idOrPrefix) ? eb("id", "=", idOrPrefix) : eb("key_prefix", "=", idOrPrefix)))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
