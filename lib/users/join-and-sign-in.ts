import "server-only";
import type { Kysely } from "kysely";
import { appendAccessEntry } from "@/lib/access-log/append";
import { accessContextOf } from "@/lib/access-log/request-context";
import { inTransaction } from "@/lib/db/transaction";
import type { DB } from "@/lib/db/types";
import type { ProviderIdentity } from "@/lib/users/identities";
import type { InvitationByToken } from "@/lib/users/invitations";
import { joinByInvitation, type Joined, type Joiner } from "@/lib/users/join";
import { openSignedInSession } from "@/lib/users/user-sign-in-session";

/**
 * Accepting an invitation, by password or single sign-on, in one transaction: the invitation
 * claimed once, the account (if new) and, for single sign-on, its link to the provider account,
 * the membership, `member.join`, then the session with its `session.sign_in`. Throws GoneError
 * when the invitation was used, revoked or expired meanwhile (a second accept of the same link),
 * ConflictError when an account, link or membership appeared meanwhile.
 */
export function joinAndSignIn(
  db: Kysely<DB>,
  request: Request,
  invitation: InvitationByToken,
  joiner: Joiner,
  how: { method: "password" | "oidc"; identity?: ProviderIdentity },
): Promise<Joined & { token: string }> {
  return inTransaction(db, async (trx) => {
    const joined = await joinByInvitation(trx, invitation, joiner, how.identity);
    await appendAccessEntry(trx, {
      tenantId: invitation.tenantId,
      action: "member.join",
      outcome: "ok",
      ...accessContextOf(request, null),
      actor: { kind: "user", keyId: joined.userId, label: joined.email },
      target: { kind: "invitation", id: invitation.id },
      details: { role: invitation.role, newAccount: joined.newAccount, method: how.method },
    });
    const membership = { tenantId: invitation.tenantId, role: invitation.role };
    const { token } = await openSignedInSession(trx, request, { userId: joined.userId, email: joined.email, membership }, { method: how.method, via: "invitation" });
    return { ...joined, token };
  });
}
