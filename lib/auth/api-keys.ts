import { createHash, randomBytes } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { lockKeys } from "@/lib/db/advisory-locks";
import { inTransaction } from "@/lib/db/transaction";
import type { DB } from "@/lib/db/types";
import { DEFAULT_KEY_SCOPES, normalizeScopes, type Scope } from "@/lib/auth/scopes";

const KEY_PREFIX = "cok_";
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const TENANT_ID_RULE = '1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit';

/** A text[] value bound element by element, the same on postgres.js and PGlite. */
function textArray(values: readonly string[]) {
  return sql<string[]>`array[${sql.join(values)}]::text[]`;
}

/** Only this digest is stored; the key itself is shown once, when created. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export interface CreatedApiKey {
  id: string;
  tenantId: string;
  key: string;
  prefix: string;
  scopes: Scope[];
}

/** One lock for every key creation, so "is this the first key?" and the insert cannot interleave. Re-entrant within a transaction. */
export function lockKeyCreation(trx: Transaction<DB>): Promise<void> {
  return lockKeys(trx, ["api-keys:create"]);
}

/** Inserts a key for the tenant (and the tenant itself when new), inside the caller's transaction. */
export async function insertApiKey(
  trx: Transaction<DB>,
  tenantId: string,
  name: string | null,
  scopes: readonly Scope[] = DEFAULT_KEY_SCOPES,
): Promise<CreatedApiKey> {
  if (!TENANT_ID_PATTERN.test(tenantId)) throw new Error(`Tenant id "${tenantId}" is invalid: use ${TENANT_ID_RULE}`);
  const granted = normalizeScopes(scopes);
  if (granted.length === 0) throw new Error("A key needs at least one scope");
  await lockKeyCreation(trx);
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  await trx.insertInto("tenants").values({ id: tenantId, name: tenantId }).onConflict((oc) => oc.column("id").doNothing()).execute();
  const row = await trx
    .insertInto("api_keys")
    .values({ tenant_id: tenantId, name, key_prefix: prefix, key_hash: hashApiKey(key), scopes: textArray(granted) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: String(row.id), tenantId, key, prefix, scopes: granted };
}

/** Creates a key for the tenant (and the tenant itself when new); `ingest` only unless scopes are given. */
export async function createApiKey(db: Kysely<DB>, tenantId: string, name: string | null, scopes: readonly Scope[] = DEFAULT_KEY_SCOPES): Promise<CreatedApiKey> {
  return db.transaction().execute((trx) => insertApiKey(trx, tenantId, name, scopes));
}

/** Whether any key was ever created: revoked ones count, as in the authenticator. */
export async function anyApiKeyExists(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom("api_keys").select("id").limit(1).executeTakeFirst()) !== undefined;
}

/** An unrevoked key as access checks need it. */
export interface ActiveKey {
  id: string;
  tenantId: string;
  scopes: Scope[];
}

/** The unrevoked key with this digest, read now (no cache); null for an unknown or revoked key. */
export async function activeKeyByHash(db: Kysely<DB>, keyHash: string): Promise<ActiveKey | null> {
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "tenant_id", "scopes"])
    .where("key_hash", "=", keyHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row ? { id: String(row.id), tenantId: row.tenant_id, scopes: normalizeScopes(row.scopes) } : null;
}

export function listApiKeys(db: Kysely<DB>) {
  return db
    .selectFrom("api_keys")
    .select(["id", "tenant_id", "name", "key_prefix", "scopes", "created_at", "last_used_at", "revoked_at"])
    .orderBy("created_at")
    .execute();
}

/** A key as the API shows it: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  tenantId: string;
  name: string | null;
  prefix: string;
  /** What the key may do: `ingest`, `read`, `admin`. */
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One page of a tenant's keys, newest first; `lastId` is where the next page starts (null when none). */
export async function listTenantApiKeys(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; beforeId: string | null },
): Promise<{ keys: ApiKeyView[]; lastId: string | null }> {
  let query = db
    .selectFrom("api_keys")
    .select(["id", "tenant_id", "name", "key_prefix", "scopes", "created_at", "last_used_at", "revoked_at"])
    .where("tenant_id", "=", tenantId);
  if (page.beforeId !== null) query = query.where("id", "<", page.beforeId);
  // One row more than asked tells whether another page exists.
  const rows = await query.orderBy("id", "desc").limit(page.limit + 1).execute();
  const keys = rows.slice(0, page.limit).map((row) => ({
    id: String(row.id),
    tenantId: row.tenant_id,
    name: row.name,
    prefix: row.key_prefix,
    scopes: normalizeScopes(row.scopes),
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  }));
  return { keys, lastId: rows.length > page.limit ? (keys.at(-1)?.id ?? null) : null };
}

/** A key revoked by id or prefix: which, and whose. */
export interface RevokedApiKey {
  id: string;
  tenantId: string;
  prefix: string;
}

/** Revokes active keys by id or by their displayed prefix, ending their sessions, in the caller's transaction. */
export async function revokeKeysMatching(db: Kysely<DB>, idOrPrefix: string): Promise<RevokedApiKey[]> {
  return inTransaction(db, async (trx) => {
    const revoked = await trx
      .updateTable("api_keys")
      .set({ revoked_at: new Date() })
      .where((eb) => (/^\d+$/.test(idOrPrefix) ? eb("id", "=", idOrPrefix) : eb("key_prefix", "=", idOrPrefix)))
      .where("revoked_at", "is", null)
      .returning(["id", "tenant_id", "key_prefix"])
      .execute();
    if (revoked.length) await trx.deleteFrom("sessions").where("key_id", "in", revoked.map((row) => row.id)).execute();
    return revoked.map((row) => ({ id: String(row.id), tenantId: row.tenant_id, prefix: row.key_prefix }));
  });
}

/** Revokes keys by id or by their displayed prefix, ending their sessions; returns how many were revoked. */
export async function revokeApiKey(db: Kysely<DB>, idOrPrefix: string): Promise<number> {
  return (await revokeKeysMatching(db, idOrPrefix)).length;
}

/**
 * Revokes one key of the tenant by id; revoking it again keeps the first time. False when the
 * tenant has no key with that id.
 */
export async function revokeTenantApiKey(db: Kysely<DB>, tenantId: string, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("api_keys")
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
      .where("id", "=", id)
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await trx.deleteFrom("sessions").where("key_id", "=", id).execute();
    return true;
  });
}
