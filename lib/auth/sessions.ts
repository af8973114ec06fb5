import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { normalizeScopes, type Scope } from "@/lib/auth/scopes";
import { isRole, roleScopes, type Role } from "@/lib/users/roles";

// The dashboard's sign-in: an opaque random id in an HttpOnly cookie; the database keeps only its
// SHA-256, the key or user it came from and when it ends. Signing out deletes the row; revoking
// the key ends it (the lookup requires an unrevoked key, and revoking deletes the key's sessions
// too). A user's session acts in one tenant at a time, with the role the user holds there now:
// a role change applies at the next lookup, and losing the membership ends the session.

/** A week, as the key-holding cookie before it: revocation and sign-out end it sooner. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Sessions a key keeps at most; signing in again past that ends its oldest. */
export const MAX_SESSIONS_PER_KEY = 20;
/** Sessions a user keeps at most (every browser they sign in from). */
export const MAX_SESSIONS_PER_USER = 20;

const SESSION_PREFIX = "cos_";

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether the value looks like a session id at all (anything else is not looked up). */
export function isSessionToken(value: string): boolean {
  return /^cos_[A-Za-z0-9_-]{43}$/.test(value);
}

/** The person behind a user's session, in the tenant it acts in. */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  /** False for a viewer of a tenant that hides inputs and outputs from viewers. */
  seesContent: boolean;
}

export interface SessionGrant {
  /** The key of a key's session; null for a user's. */
  keyId: string | null;
  user: SessionUser | null;
  tenantId: string;
  scopes: Scope[];
  expiresAt: Date;
}

function newSessionToken(): string {
  return `${SESSION_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Opens a session for an unrevoked key: returns the id to hand out (shown only here). */
export async function createSession(db: Kysely<DB>, keyId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await inTransaction(db, async (trx) => {
    await trx.insertInto("sessions").values({ id_hash: hashSessionToken(token), key_id: keyId, user_id: null, tenant_id: null, expires_at: expiresAt }).execute();
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

/** Opens a session for a user acting in `tenantId` (the caller checked the membership). */
export async function createUserSession(db: Kysely<DB>, userId: string, tenantId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await inTransaction(db, async (trx) => {
    await trx.insertInto("sessions").values({ id_hash: hashSessionToken(token), key_id: null, user_id: userId, tenant_id: tenantId, expires_at: expiresAt }).execute();
    await trx.deleteFrom("sessions").where("expires_at", "<=", now).execute();
    await trx
      .deleteFrom("sessions")
      .where("user_id", "=", userId)
      .where("id_hash", "not in", (eb) =>
        eb.selectFrom("sessions").select("id_hash").where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id_hash").limit(MAX_SESSIONS_PER_USER),
      )
      .execute();
  });
  return { token, expiresAt };
}

/** The live session with this digest: unexpired, its key unrevoked or its user enabled and still a member; else null. */
export async function sessionByHash(db: Kysely<DB>, idHash: string): Promise<SessionGrant | null> {
  const session = await db
    .selectFrom("sessions")
    .select(["key_id", "user_id", "tenant_id", "expires_at"])
    .where("id_hash", "=", idHash)
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
  if (!session) return null;
  const expiresAt = new Date(session.expires_at);
  if (session.key_id !== null) {
    const key = await db
      .selectFrom("api_keys")
      .select(["id", "tenant_id", "scopes"])
      .where("id", "=", session.key_id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return key ? { keyId: String(key.id), user: null, tenantId: key.tenant_id, scopes: normalizeScopes(key.scopes), expiresAt } : null;
  }
  if (session.user_id === null || session.tenant_id === null) return null;
  const member = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("tenants", "tenants.id", "memberships.tenant_id")
    .select(["users.id as id", "users.email as email", "memberships.role as role", "tenants.viewers_see_content as viewersSeeContent"])
    .where("memberships.user_id", "=", session.user_id)
    .where("memberships.tenant_id", "=", session.tenant_id)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!member || !isRole(member.role)) return null;
  const role = member.role;
  return {
    keyId: null,
    user: { id: String(member.id), email: member.email, role, seesContent: role !== "viewer" || member.viewersSeeContent },
    tenantId: session.tenant_id,
    scopes: roleScopes(role),
    expiresAt,
  };
}

/** Moves a user's session to another tenant they belong to; false when the session or the membership is missing. */
export async function switchSessionTenant(db: Kysely<DB>, token: string, tenantId: string): Promise<boolean> {
  const result = await db
    .updateTable("sessions")
    .set({ tenant_id: tenantId })
    .where("id_hash", "=", hashSessionToken(token))
    .where("user_id", "is not", null)
    .where("expires_at", ">", new Date())
    .where((eb) => eb.exists(eb.selectFrom("memberships").select("user_id").whereRef("memberships.user_id", "=", "sessions.user_id").where("memberships.tenant_id", "=", tenantId)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Who an ended session belonged to: its key (and the key's tenant) or its user (and the tenant they acted in). */
export interface EndedSession {
  keyId: string | null;
  userId: string | null;
  tenantId: string;
}

/** Signs a session out: whom it belonged to, or null when there was none. */
export async function deleteSession(db: Kysely<DB>, token: string): Promise<EndedSession | null> {
  const removed = await db.deleteFrom("sessions").where("id_hash", "=", hashSessionToken(token)).returning(["key_id", "user_id", "tenant_id"]).executeTakeFirst();
  if (!removed) return null;
  if (removed.user_id !== null) return removed.tenant_id === null ? null : { keyId: null, userId: String(removed.user_id), tenantId: removed.tenant_id };
  if (removed.key_id === null) return null;
  const key = await db.selectFrom("api_keys").select("tenant_id").where("id", "=", removed.key_id).executeTakeFirst();
  return key ? { keyId: String(removed.key_id), userId: null, tenantId: key.tenant_id } : null;
}
