import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { ProviderIdentity } from "@/lib/users/identities";
import type { InvitationByToken } from "@/lib/users/invitations";
import type { Joiner } from "@/lib/users/join";
import { accountByEmail, normalizeEmail } from "@/lib/users/users";

// Accepting an invitation with single sign-on: the provider's verified email stands where the
// password path asks for a new password or the existing account's one.

export type IdentityJoinRefusal =
  /** The provider names another email (or none) than the invitation's. */
  | "email_mismatch"
  /** The right email, but the provider does not say it is verified. */
  | "email_unverified"
  /** The invited account is linked to another account at this provider. */
  | "linked_elsewhere"
  /** This provider account is linked to another user here. */
  | "identity_in_use"
  | "disabled"
  | "already_member";

export type IdentityJoinCheck = { ok: true; joiner: Joiner } | { ok: false; reason: IdentityJoinRefusal; user: { id: string; email: string } | null };

/**
 * Whether this provider identity may accept the invitation, and as whom: the account with the
 * invitation's email, or a new one without a password. Reads only; the join rechecks what can race.
 */
export async function identityJoiner(db: Kysely<DB>, invitation: InvitationByToken, identity: ProviderIdentity): Promise<IdentityJoinCheck> {
  if (!identity.email || normalizeEmail(identity.email) !== invitation.email) return { ok: false, reason: "email_mismatch", user: null };
  if (!identity.emailVerified) return { ok: false, reason: "email_unverified", user: null };
  const account = await accountByEmail(db, invitation.email);
  const user = account ? { id: account.id, email: account.email } : null;
  const linked = await db.selectFrom("user_identities").select("user_id").where("issuer", "=", identity.issuer).where("subject", "=", identity.subject).executeTakeFirst();
  if (linked && String(linked.user_id) !== account?.id) return { ok: false, reason: "identity_in_use", user };
  if (!account) return { ok: true, joiner: { email: invitation.email, passwordHash: null, displayName: null } };
  if (account.disabled) return { ok: false, reason: "disabled", user };
  if (!linked) {
    const other = await db.selectFrom("user_identities").select("subject").where("user_id", "=", account.id).where("issuer", "=", identity.issuer).executeTakeFirst();
    if (other) return { ok: false, reason: "linked_elsewhere", user };
  }
  const member = await db.selectFrom("memberships").select("user_id").where("tenant_id", "=", invitation.tenantId).where("user_id", "=", account.id).executeTakeFirst();
  if (member) return { ok: false, reason: "already_member", user };
  return { ok: true, joiner: { userId: account.id } };
}
