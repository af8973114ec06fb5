import type { Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import { ConflictError } from "@/lib/http/conflict";
import { claimInvitation, type InvitationByToken } from "@/lib/users/invitations";
import { linkIdentity, type ProviderAccount } from "@/lib/users/identities";
import { membersLockKey } from "@/lib/users/members";
import { lockKeys } from "@/lib/db/advisory-locks";

/**
 * Who accepts: an account that exists (checked by the caller), or a new one with its password
 * hashed already (null: single sign-on only).
 */
export type Joiner = { userId: string } | { email: string; passwordHash: string | null; displayName: string | null };

export interface Joined {
  userId: string;
  email: string;
  newAccount: boolean;
}

/**
 * Accepts an invitation in the caller's transaction: claims it (once), creates the account when
 * new, links the provider account it was accepted with (if any), and adds the membership with the
 * invitation's role. The caller opens the session in the same transaction.
 */
export async function joinByInvitation(trx: Transaction<DB>, invitation: InvitationByToken, joiner: Joiner, identity?: ProviderAccount): Promise<Joined> {
  await lockKeys(trx, [membersLockKey(invitation.tenantId)]);
  await claimInvitation(trx, invitation.id);
  let userId: string;
  const newAccount = !("userId" in joiner);
  if ("userId" in joiner) userId = joiner.userId;
  else {
    const row = await trx
      .insertInto("users")
      .values({ email: joiner.email, display_name: joiner.displayName, password_hash: joiner.passwordHash })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new ConflictError(`An account with ${joiner.email} was created meanwhile: open the link again and sign in with it`);
    userId = String(row.id);
  }
  if (identity) await linkIdentity(trx, identity, userId);
  const added = await trx
    .insertInto("memberships")
    .values({ tenant_id: invitation.tenantId, user_id: userId, role: invitation.role })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  if (!added) throw new ConflictError(`${invitation.email} is a member of this tenant already: sign in instead`);
  return { userId, email: invitation.email, newAccount };
}
