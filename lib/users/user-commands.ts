import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import { appendAccessEntry, type NewAccessEntry } from "@/lib/access-log/append";
import { cliActor } from "@/lib/access-log/cli-actor";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { isRole, type Role } from "@/lib/users/roles";
import { addMembership, createUser, disableUser, normalizeEmail, setPassword, type NewUser, type UserView } from "@/lib/users/users";

// `npm run user`'s writes, each with its access-log entries in one transaction (ADR 0013), by
// actor kind `cli`. A person is installation-wide, so a password reset or a disabling is recorded
// in every tenant they belong to (the default tenant's when none): each tenant's admins see what
// happened to their members.

type UserEntry = Pick<NewAccessEntry, "action" | "details">;

async function userByEmail(trx: Transaction<DB>, email: string): Promise<{ id: string; email: string } | null> {
  const normalized = normalizeEmail(email);
  if (!normalized) return null;
  const row = await trx.selectFrom("users").select(["id", "email"]).where("email", "=", normalized).executeTakeFirst();
  return row ? { id: String(row.id), email: row.email } : null;
}

/** One entry per tenant of the user, tenant by tenant (the order every writer takes their locks in). */
async function recordInUsersTenants(trx: Transaction<DB>, user: { id: string; email: string }, entry: UserEntry): Promise<void> {
  const rows = await trx.selectFrom("memberships").select("tenant_id").where("user_id", "=", user.id).orderBy("tenant_id").limit(1000).execute();
  const tenants = rows.length ? rows.map((row) => row.tenant_id) : [DEFAULT_TENANT_ID];
  for (const tenantId of tenants) {
    await appendAccessEntry(trx, { tenantId, outcome: "ok", actor: cliActor("user"), target: { kind: "user", id: user.id }, ...entry });
  }
}

/** Creates a user with their first membership and records `user.create` in that tenant. */
export async function createUserByCommand(db: Kysely<DB>, user: NewUser): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const created = await createUser(trx, user);
    await appendAccessEntry(trx, {
      tenantId: user.tenantId,
      action: "user.create",
      outcome: "ok",
      actor: cliActor("user"),
      target: { kind: "user", id: created.id },
      details: { email: created.email, role: user.role, password: user.password !== null },
    });
    return created;
  });
}

/** Sets a new password (unlocking the account) and records `user.password_reset`; false when no such user. */
export async function setPasswordByCommand(db: Kysely<DB>, email: string, password: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await userByEmail(trx, email);
    if (!user || !(await setPassword(trx, email, password))) return false;
    await recordInUsersTenants(trx, user, { action: "user.password_reset", details: { email: user.email } });
    return true;
  });
}

/** Disables a user (ending their sessions) and records `user.disable`; false when no such user. */
export async function disableUserByCommand(db: Kysely<DB>, email: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await userByEmail(trx, email);
    if (!user || !(await disableUser(trx, email))) return false;
    await recordInUsersTenants(trx, user, { action: "user.disable", details: { email: user.email } });
    return true;
  });
}

/**
 * Adds a user to a tenant (`member.add`) or changes their role there (`member.role_change`, as
 * the Members page records it; nothing when the role is the same); false when no such user.
 */
export async function addMembershipByCommand(db: Kysely<DB>, email: string, tenantId: string, role: Role): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await userByEmail(trx, email);
    const before = user ? await trx.selectFrom("memberships").select("role").where("tenant_id", "=", tenantId).where("user_id", "=", user.id).executeTakeFirst() : undefined;
    if (!user || !(await addMembership(trx, email, tenantId, role))) return false;
    const from = before && isRole(before.role) ? before.role : null;
    if (from === role) return true;
    const base = { tenantId, outcome: "ok", actor: cliActor("user"), target: { kind: "user", id: user.id } } as const;
    if (from === null) await appendAccessEntry(trx, { ...base, action: "member.add", details: { email: user.email, role } });
    else await appendAccessEntry(trx, { ...base, action: "member.role_change", details: { email: user.email, from, to: role } });
    return true;
  });
}
