import { unstable_rethrow } from "next/navigation";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { AcceptInvitationForm, type AcceptMode } from "@/components/auth/accept-invitation-form";
import { OidcAcceptInvitation } from "@/components/auth/oidc-sign-in";
import { oidcSettings } from "@/lib/auth/oidc/settings";
import { sessionCookieToken } from "@/lib/auth/page-tenant";
import { requireAuth, requireDb } from "@/lib/runtime/registry";
import { INVITATION_ENDED, invitationByToken, type InvitationByToken } from "@/lib/users/invitations";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/users/roles";
import { accountByEmail } from "@/lib/users/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation" };

/**
 * Whether the email has an account, and whether this browser is signed in as it (a same-site visit
 * carries the cookie); "sso" for an account without a password when single sign-on is on.
 */
async function acceptMode(invitation: InvitationByToken): Promise<AcceptMode | "sso"> {
  const account = await accountByEmail(requireDb(), invitation.email);
  if (!account) return "new";
  const token = await sessionCookieToken();
  let signedIn = false;
  try {
    signedIn = token !== null && (await requireAuth().fromSession(token)).user?.id === account.id;
  } catch {
    signedIn = false;
  }
  if (signedIn) return "signed-in";
  return account.passwordHash === null && oidcSettings() ? "sso" : "existing";
}

const DESCRIPTIONS: Record<AcceptMode | "sso", string> = {
  new: "Choose a password to create your account.",
  existing: "You have an account: enter its password to join.",
  "signed-in": "Join with the account you are signed in with.",
  sso: "You have an account that signs in with single sign-on: join with it.",
};

/** Public: the tenant and role an invitation is for, and the form that accepts it. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: InvitationByToken | null;
  let mode: AcceptMode | "sso" = "new";
  try {
    invitation = await invitationByToken(requireDb(), token);
    if (invitation?.state === "pending") mode = await acceptMode(invitation);
  } catch (error) {
    unstable_rethrow(error);
    return (
      <div className="max-w-md">
        <PageHeader title="Invitation" />
        <ErrorPanel message="The invitation could not be checked right now (the server is starting or the database is unavailable). Reload in a moment." />
      </div>
    );
  }
  const state = invitation?.state ?? null;
  if (!invitation || state !== "pending") {
    const why = state === null || state === "pending" ? "This invitation link is not valid: check that it was copied whole, or ask an admin of the tenant for a new one" : INVITATION_ENDED[state];
    return (
      <div className="max-w-md" data-testid="invite-unusable">
        <PageHeader title="Invitation" />
        <ErrorPanel message={`${why}.`} />
      </div>
    );
  }
  return (
    <div className="max-w-md" data-testid="invite-page">
      <PageHeader title={`Join ${invitation.tenantName}`} description={DESCRIPTIONS[mode]} />
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Tenant</dt>
        <dd className="font-medium text-slate-900" data-testid="invite-tenant">
          {invitation.tenantName}
        </dd>
        <dt className="text-slate-500">Role</dt>
        <dd className="text-slate-900" data-testid="invite-role-shown">
          {ROLE_LABELS[invitation.role]} <span className="text-slate-500">· {ROLE_DESCRIPTIONS[invitation.role]}</span>
        </dd>
        <dt className="text-slate-500">Email</dt>
        <dd className="text-slate-900" data-testid="invite-email-shown">
          {invitation.email}
        </dd>
        <dt className="text-slate-500">Valid until</dt>
        <dd className="text-slate-900">{invitation.expiresAt.toUTCString()}</dd>
      </dl>
      {mode === "sso" ? null : <AcceptInvitationForm token={token} email={invitation.email} mode={mode} />}
      {mode === "signed-in" ? null : <OidcAcceptInvitation token={token} email={invitation.email} only={mode === "sso"} />}
    </div>
  );
}
