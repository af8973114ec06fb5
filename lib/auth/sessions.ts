import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { normalizeScopes, type Scope } from "@/lib/auth/scopes";

// The dashboard's sign-in: an opaque random id in an HttpOnly cookie; the database keeps only its
// SHA-256, the key it came from and when it ends. Signing out deletes the row; revoking the key
// ends it (the lookup requires an unrevoked key, and revoking deletes the key's sessions too).

/** A week, as the key-holding cookie before it: revocation and sign-out end it sooner. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Sessions a key keeps at most; signing in again past that ends its oldest. */
export const MAX_SESSIONS_PER_KEY = 20;

const SESSION_PREFIX = "cos_";

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether the value looks like a session id at all (anything else is not looked up). */
export function isSessionToken(value: string): boolean {
  return /^cos_[A-Za-z0-9_-]{43}$/.test(value);
}

export interface SessionGrant {
  keyId: string;
  tenantId: string;
  scopes: Scope[];
  expiresAt: Date;
}

/** Opens a session for an unrevoked key: returns the id to hand out (shown only here). */
export async function createSession(db: Kysely<DB>, keyId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = `${SESSION_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await inTransaction(db, async (trx) => {
    await trx.insertInto("sessions").values({ id_hash: hashSessionToken(token), key_id: keyId, expires_at: expiresAt }).execute();
    // Bounded: expired sessions go, and a key keeps only its newest ones.
    await trx.deleteFrom("sessions").where("expires_at", "<=", now).execute();
    await trx
      .deleteFrom("sessions")
      .where("key_id", "=", keyId)
      .where("id_hash", "not in", (eb) =>
        eb.selectFrom("sessions").select("id_hash").where("key_id", "=", keyId).orderBy("created_at", "desc").orderBy("id_hash").limit(MAX_SESSIONS_PER_KEY),
      )
      .execute();
  });
  return { token, expiresAt };
}

/** The live session with this digest: unexpired, its key unrevoked; else null. */
export async function sessionByHash(db: Kysely<DB>, idHash: string): Promise<SessionGrant | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("api_keys", "api_keys.id", "sessions.key_id")
    .select(["api_keys.id as keyId", "api_keys.tenant_id as tenantId", "api_keys.scopes as scopes", "sessions.expires_at as expiresAt"])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", new Date())
    .where("api_keys.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return { keyId: String(row.keyId), tenantId: row.tenantId, scopes: normalizeScopes(row.scopes), expiresAt: new Date(row.expiresAt) };
}

/** Signs a session out: the key it belonged to (and that key's tenant), or null when there was none. */
export async function deleteSession(db: Kysely<DB>, token: string): Promise<{ keyId: string; tenantId: string } | null> {
  const removed = await db.deleteFrom("sessions").where("id_hash", "=", hashSessionToken(token)).returning("key_id").executeTakeFirst();
  if (!removed) return null;
  const key = await db.selectFrom("api_keys").select("tenant_id").where("id", "=", removed.key_id).executeTakeFirst();
  return key ? { keyId: String(removed.key_id), tenantId: key.tenant_id } : null;
}
