import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { lockKeyCreation, TENANT_ID_PATTERN, TENANT_ID_RULE } from "@/lib/auth/api-keys";
import { hashPassword, passwordProblem } from "@/lib/users/passwords";
import { isRole, type Role } from "@/lib/users/roles";

/** Consecutive failed sign-ins that lock an account, and for how long. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;

export const MAX_EMAIL_LENGTH = 254;

export class UserInputError extends Error {
  override name = "UserInputError";
}

/** Lowercased and trimmed, or null when it is not an email address at all. */
export function normalizeEmail(email: string): string | null {
  const value = email.trim().toLowerCase();
  if (value.length < 3 || value.length > MAX_EMAIL_LENGTH) return null;
  return /^[^\s@]+@[^\s@]+$/.test(value) ? value : null;
}

export interface NewUser {
  email: string;
  password: string | null;
  displayName?: string | null;
  tenantId: string;
  role: Role;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string | null;
}

/**
 * Creates a user with a membership (and the tenant when new). Takes the key-creation lock, so
 * "is this the first credential?" checks elsewhere cannot interleave with it. Throws
 * UserInputError for a bad email, password or tenant, or an email already taken.
 */
export async function createUser(db: Kysely<DB>, user: NewUser): Promise<UserView> {
  const email = normalizeEmail(user.email);
  if (!email) throw new UserInputError(`"${user.email.slice(0, 80)}" is not an email address`);
  if (!TENANT_ID_PATTERN.test(user.tenantId)) throw new UserInputError(`Tenant id "${user.tenantId.slice(0, 80)}" is invalid: use ${TENANT_ID_RULE}`);
  if (user.password !== null) {
    const problem = passwordProblem(user.password, email);
    if (problem) throw new UserInputError(`Password: ${problem}`);
  }
  // Hashed outside the transaction: ~50 ms of work must not hold the lock.
  const passwordHash = user.password === null ? null : await hashPassword(user.password);
  return inTransaction(db, async (trx) => {
    await lockKeyCreation(trx);
    const taken = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (taken) throw new UserInputError(`A user with the email ${email} exists already`);
    await trx.insertInto("tenants").values({ id: user.tenantId, name: user.tenantId }).onConflict((oc) => oc.column("id").doNothing()).execute();
    const row = await trx
      .insertInto("users")
      .values({ email, display_name: user.displayName?.trim() || null, password_hash: passwordHash })
      .returning(["id", "email", "display_name"])
      .executeTakeFirstOrThrow();
    await trx.insertInto("memberships").values({ tenant_id: user.tenantId, user_id: row.id, role: user.role }).execute();
    return { id: String(row.id), email: row.email, displayName: row.display_name };
  });
}

export async function anyUserExists(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom("users").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export interface SignInAccount {
  id: string;
  email: string;
  passwordHash: string | null;
  lockedUntil: Date | null;
  disabled: boolean;
}

export async function accountByEmail(db: Kysely<DB>, email: string): Promise<SignInAccount | null> {
  const normalized = normalizeEmail(email);
  if (!normalized) return null;
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "password_hash", "locked_until", "disabled_at"])
    .where("email", "=", normalized)
    .executeTakeFirst();
  if (!row) return null;
  return { id: String(row.id), email: row.email, passwordHash: row.password_hash, lockedUntil: row.locked_until ? new Date(row.locked_until) : null, disabled: row.disabled_at !== null };
}

/**
 * Counts a wrong password; the LOCK_AFTER_FAILURES-th in a row locks the account for LOCK_MINUTES
 * (and starts the count again). Returns when the lock ends, or null while not locked.
 */
export async function recordFailedSignIn(db: Kysely<DB>, userId: string, now = new Date()): Promise<Date | null> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("users")
      .set((eb) => ({ failed_sign_ins: eb("failed_sign_ins", "+", 1) }))
      .where("id", "=", userId)
      .returning("failed_sign_ins")
      .executeTakeFirst();
    if (!row || row.failed_sign_ins < LOCK_AFTER_FAILURES) return null;
    const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    await trx.updateTable("users").set({ failed_sign_ins: 0, locked_until: until }).where("id", "=", userId).execute();
    return until;
  });
}

export async function recordSuccessfulSignIn(db: Kysely<DB>, userId: string): Promise<void> {
  await db.updateTable("users").set({ failed_sign_ins: 0, locked_until: null }).where("id", "=", userId).execute();
}

export interface TenantMembership {
  tenantId: string;
  role: Role;
}

/** The tenants a user belongs to, the first joined first (bounded: a person is in few tenants). */
export async function membershipsOf(db: Kysely<DB>, userId: string): Promise<TenantMembership[]> {
  const rows = await db.selectFrom("memberships").select(["tenant_id", "role"]).where("user_id", "=", userId).orderBy("created_at").orderBy("tenant_id").limit(1000).execute();
  return rows.flatMap((row) => (isRole(row.role) ? [{ tenantId: row.tenant_id, role: row.role }] : []));
}

/** Sets (or replaces) a user's password; false when no such user. Ends nothing: the caller decides about sessions. */
export async function setPassword(db: Kysely<DB>, email: string, password: string): Promise<boolean> {
  const normalized = normalizeEmail(email);
  if (!normalized) throw new UserInputError(`"${email.slice(0, 80)}" is not an email address`);
  const problem = passwordProblem(password, normalized);
  if (problem) throw new UserInputError(`Password: ${problem}`);
  const passwordHash = await hashPassword(password);
  const result = await db
    .updateTable("users")
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null })
    .where("email", "=", normalized)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Makes an existing user a member of a tenant (creating the tenant when new), or changes their role there; false when no such user. */
export async function addMembership(db: Kysely<DB>, email: string, tenantId: string, role: Role): Promise<boolean> {
  const normalized = normalizeEmail(email);
  if (!normalized) throw new UserInputError(`"${email.slice(0, 80)}" is not an email address`);
  if (!TENANT_ID_PATTERN.test(tenantId)) throw new UserInputError(`Tenant id "${tenantId.slice(0, 80)}" is invalid: use ${TENANT_ID_RULE}`);
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("email", "=", normalized).executeTakeFirst();
    if (!user) return false;
    await trx.insertInto("tenants").values({ id: tenantId, name: tenantId }).onConflict((oc) => oc.column("id").doNothing()).execute();
    await trx
      .insertInto("memberships")
      .values({ tenant_id: tenantId, user_id: user.id, role })
      .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ role }))
      .execute();
    return true;
  });
}

/** Disables a user and ends every session of theirs; false when no such user. */
export async function disableUser(db: Kysely<DB>, email: string): Promise<boolean> {
  const normalized = normalizeEmail(email);
  if (!normalized) return false;
  return inTransaction(db, async (trx) => {
    const row = await trx.updateTable("users").set({ disabled_at: new Date() }).where("email", "=", normalized).returning("id").executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom("sessions").where("user_id", "=", row.id).execute();
    return true;
  });
}

export interface UserListing extends UserView {
  disabled: boolean;
  memberships: TenantMembership[];
}

/** Every user with their tenants, for the command line (bounded). */
export async function listUsers(db: Kysely<DB>, limit = 1000): Promise<UserListing[]> {
  const users = await db.selectFrom("users").select(["id", "email", "display_name", "disabled_at"]).orderBy("email").limit(limit).execute();
  const ids = users.map((user) => user.id);
  const rows = ids.length ? await db.selectFrom("memberships").select(["user_id", "tenant_id", "role"]).where("user_id", "in", ids).orderBy("tenant_id").execute() : [];
  const byUser = new Map<string, TenantMembership[]>();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    const list = byUser.get(String(row.user_id)) ?? [];
    list.push({ tenantId: row.tenant_id, role: row.role });
    byUser.set(String(row.user_id), list);
  }
  return users.map((user) => ({
    id: String(user.id),
    email: user.email,
    displayName: user.display_name,
    disabled: user.disabled_at !== null,
    memberships: byUser.get(String(user.id)) ?? [],
  }));
}
