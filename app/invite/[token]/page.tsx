import { unstable_rethrow } from "next/navigation";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { AcceptInvitationForm, type AcceptMode } from "@/components/auth/accept-invitation-form";
import { sessionCookieToken } from "@/lib/auth/page-tenant";
import { requireAuth, requireDb } from "@/lib/runtime/registry";
import { INVITATION_ENDED, invitationByToken, type InvitationByToken } from "@/lib/users/invitations";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/users/roles";
import { accountByEmail } from "@/lib/users/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation" };

/** Whether the email has an account, and whether this browser is signed in as it (a same-site visit carries the cookie). */
async function acceptMode(invitation: InvitationByToken): Promise<AcceptMode> {
  const account = await accountByEmail(requireDb(), invitation.email);
  if (!account) return "new";
  const token = await sessionCookieToken();
  if (!token) return "existing";
  try {
    return (await requireAuth().fromSession(token)).user?.id === account.id ? "signed-in" : "existing";
  } catch {
    return "existing";
  }
}

/** Public: the tenant and role an invitation is for, and the form that accepts it. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: InvitationByToken | null;
  let mode: AcceptMode = "new";
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
  const description =
    mode === "new" ? "Choose a password to create your account." : mode === "existing" ? "You have an account: enter its password to join." : "Join with the account you are signed in with.";
  return (
    <div className="max-w-md" data-testid="invite-page">
      <PageHeader title={`Join ${invitation.tenantName}`} description={description} />
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
      <AcceptInvitationForm token={token} email={invitation.email} mode={mode} />
    </div>
  );
}
