import "server-only";
import { recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { countFailedAttempt } from "@/lib/auth/attempts";
import { refusedRedirect, signedInPage, type SsoRefusal } from "@/lib/auth/oidc/responses";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { ConflictError, GoneError } from "@/lib/http/conflict";
import { createLogger } from "@/lib/runtime/log";
import { requireAuth, requireDb } from "@/lib/runtime/registry";
import type { ProviderIdentity } from "@/lib/users/identities";
import { identityJoiner, type IdentityJoinRefusal } from "@/lib/users/identity-join";
import { joinAndSignIn } from "@/lib/users/join-and-sign-in";
import { invitationById, type InvitationByToken } from "@/lib/users/invitations";

const log = createLogger("auth");

/** What the person is told for each reason the identity cannot accept (the reason itself goes to the logs). */
const REFUSAL_SHOWN: Record<IdentityJoinRefusal | "conflict", SsoRefusal> = {
  email_mismatch: "invitation_email",
  email_unverified: "invitation_email",
  already_member: "invitation_member",
  // As at sign-in: an address handed on, or a disabled account, is "did not work".
  linked_elsewhere: "failed",
  identity_in_use: "failed",
  disabled: "failed",
  conflict: "failed",
};

interface Finish {
  /** Where to go once joined (a safe path). */
  next: string;
  secure: boolean;
  /** The flow cookie's removal, sent whatever the outcome. */
  cleared: string;
}

function describe(identity: ProviderIdentity): string {
  return `subject ${identity.subject} at ${identity.issuer}${identity.email ? ` (${identity.email}${identity.emailVerified ? "" : ", unverified"})` : ""}`;
}

/** An invitation that ended before or during the callback: said as the invite page says it; like the password path, not an access-log entry. */
function ended(invitation: InvitationByToken | null, finish: Finish, detail: string): Response {
  const refusal: SsoRefusal = !invitation || invitation.state === "pending" ? "failed" : `invitation_${invitation.state}`;
  log.warn("OpenID Connect invitation refused", { reason: invitation?.state ?? "no_invitation", invitation: invitation?.id, detail });
  return refusedRedirect(refusal, [finish.cleared]);
}

/** The identity does not prove the invited person: `member.join` denied in the invitation's tenant, as a wrong password is. */
async function denied(request: Request, invitation: InvitationByToken, reason: IdentityJoinRefusal | "conflict", user: { id: string; email: string } | null, detail: string, finish: Finish): Promise<Response> {
  countFailedAttempt(request);
  await recordRefusal(requireDb(), {
    tenantId: invitation.tenantId,
    action: "member.join",
    outcome: "denied",
    ...accessContextOf(request, null),
    actor: user ? { kind: "user", keyId: user.id, label: user.email } : { kind: "anonymous", keyId: null, label: null },
    target: { kind: "invitation", id: invitation.id },
    details: { reason, method: "oidc" },
  });
  log.warn("OpenID Connect invitation refused", { reason, invitation: invitation.id, user: user?.id, detail });
  return refusedRedirect(REFUSAL_SHOWN[reason], [finish.cleared]);
}

/**
 * The callback of a sign-in that accepts an invitation: the provider's verified email must be the
 * invitation's; then the invited account (created without a password when new, linked to the
 * provider account) joins with the invitation's role and is signed in to that tenant.
 */
export async function acceptInvitationWithIdentity(request: Request, invitationId: string, identity: ProviderIdentity, finish: Finish): Promise<Response> {
  const db = requireDb();
  const invitation = await invitationById(db, invitationId);
  if (!invitation || invitation.state !== "pending") return ended(invitation, finish, describe(identity));
  const check = await identityJoiner(db, invitation, identity);
  if (!check.ok) return denied(request, invitation, check.reason, check.user, describe(identity), finish);
  let joined: Awaited<ReturnType<typeof joinAndSignIn>>;
  try {
    joined = await joinAndSignIn(db, request, invitation, check.joiner, { method: "oidc", identity });
  } catch (error) {
    // Another callback (or the password form) used the invitation first, or the account changed meanwhile.
    if (error instanceof GoneError) return ended(await invitationById(db, invitationId), finish, error.message);
    if (error instanceof ConflictError) return denied(request, invitation, "conflict", null, `${error.message}; ${describe(identity)}`, finish);
    throw error;
  }
  requireAuth().invalidate();
  log.info("joined a tenant by invitation", { tenant: invitation.tenantId, user: joined.userId, method: "oidc", newAccount: joined.newAccount });
  return signedInPage(finish.next, [sessionCookie(joined.token, { secure: finish.secure }), finish.cleared]);
}
