import type { Kysely, Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import { ConflictError } from "@/lib/http/conflict";
import { membershipsOf, normalizeEmail, type TenantMembership } from "@/lib/users/users";

/** An account at an OpenID Connect provider: its issuer and subject name it. */
export interface ProviderAccount {
  issuer: string;
  subject: string;
}

/** Who an OpenID Connect provider says signed in; the email is a claim. */
export interface ProviderIdentity extends ProviderAccount {
  email: string | null;
  emailVerified: boolean;
}

export type IdentitySignIn =
  | { ok: true; userId: string; email: string; membership: TenantMembership; linkedNow: boolean }
  /** Nobody here: no link, and no verified email of an existing user. No self-sign-up. */
  | { ok: false; reason: "not_invited" }
  /** The email belongs to a user already linked to another account at this provider: not taken over. */
  | { ok: false; reason: "linked_elsewhere"; userId: string; email: string }
  | { ok: false; reason: "disabled" | "no_tenant"; userId: string; email: string };

interface Candidate {
  id: string;
  email: string;
  disabled: boolean;
}

async function linkedUser(db: Kysely<DB>, issuer: string, subject: string): Promise<Candidate | null> {
  const row = await db
    .selectFrom("user_identities")
    .innerJoin("users", "users.id", "user_identities.user_id")
    .select(["users.id as id", "users.email as email", "users.disabled_at as disabledAt"])
    .where("user_identities.issuer", "=", issuer)
    .where("user_identities.subject", "=", subject)
    .executeTakeFirst();
  return row ? { id: String(row.id), email: row.email, disabled: row.disabledAt !== null } : null;
}

async function userByEmail(db: Kysely<DB>, email: string): Promise<Candidate | null> {
  const row = await db.selectFrom("users").select(["id", "email", "disabled_at"]).where("email", "=", email).executeTakeFirst();
  return row ? { id: String(row.id), email: row.email, disabled: row.disabled_at !== null } : null;
}

/**
 * The user a provider's identity signs in as: the one linked to (issuer, subject), else the
 * existing user with that email when the provider says it is verified, who is then linked (unless
 * already linked to another subject there: an email passed on to someone else must not carry the
 * account with it). They act in the tenant they joined first.
 */
export async function signInWithIdentity(db: Kysely<DB>, identity: ProviderIdentity): Promise<IdentitySignIn> {
  let user = await linkedUser(db, identity.issuer, identity.subject);
  const linkedNow = user === null;
  if (!user) {
    const email = identity.emailVerified && identity.email ? normalizeEmail(identity.email) : null;
    user = email ? await userByEmail(db, email) : null;
    if (!user) return { ok: false, reason: "not_invited" };
    const other = await db.selectFrom("user_identities").select("subject").where("user_id", "=", user.id).where("issuer", "=", identity.issuer).executeTakeFirst();
    if (other) return { ok: false, reason: "linked_elsewhere", userId: user.id, email: user.email };
  }
  if (user.disabled) return { ok: false, reason: "disabled", userId: user.id, email: user.email };
  const membership = (await membershipsOf(db, user.id))[0];
  if (!membership) return { ok: false, reason: "no_tenant", userId: user.id, email: user.email };
  if (linkedNow) {
    await db
      .insertInto("user_identities")
      .values({ issuer: identity.issuer, subject: identity.subject, user_id: user.id })
      .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
      .execute();
  }
  return { ok: true, userId: user.id, email: user.email, membership, linkedNow };
}

/**
 * Links the provider account to the user in the caller's transaction (nothing to do when it is
 * already theirs). Refuses, as signing in does, to give a user a second account at the provider
 * or to move an account that is linked to someone else. True when linked now.
 */
export async function linkIdentity(trx: Transaction<DB>, account: ProviderAccount, userId: string): Promise<boolean> {
  const current = await trx.selectFrom("user_identities").select("subject").where("user_id", "=", userId).where("issuer", "=", account.issuer).executeTakeFirst();
  if (current) {
    if (current.subject === account.subject) return false;
    throw new ConflictError("This user is linked to another account at the identity provider");
  }
  const inserted = await trx
    .insertInto("user_identities")
    .values({ issuer: account.issuer, subject: account.subject, user_id: userId })
    .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  if (!inserted) throw new ConflictError("This account at the identity provider is linked to another user");
  return true;
}
