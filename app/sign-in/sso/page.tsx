import Link from "next/link";
import { PageHeader } from "@/components/empty-state";
import { isSsoRefusal, type SsoRefusal } from "@/lib/auth/oidc/responses";
import { INVITATION_ENDED } from "@/lib/users/invitations";
import { SIGN_IN_PATH } from "@/lib/auth/next-path";

export const dynamic = "force-dynamic";
export const metadata = { title: "Single sign-on" };

type Props = { searchParams: Promise<{ error?: string | string[] }> };

const MESSAGES: Record<SsoRefusal, string> = {
  not_invited:
    "Your account at the identity provider is not a user of this dashboard yet, and accounts are not created on first sign-in. Ask an admin for an invitation, then sign in again.",
  failed: "Signing in with single sign-on did not work. Try again; if it keeps failing, an admin can find the reason in the server log.",
  invitation_invalid: "This invitation link is not valid: check that it was copied whole, or ask an admin of the tenant for a new one.",
  invitation_expired: `${INVITATION_ENDED.expired}.`,
  invitation_revoked: `${INVITATION_ENDED.revoked}.`,
  invitation_accepted: `${INVITATION_ENDED.accepted}.`,
  invitation_email:
    "The identity provider did not confirm the email address this invitation is for (it named another address, or has not verified this one), so the invitation was not accepted. Sign in there with the invited address, or ask an admin to invite the address you use there.",
  invitation_member: "You are a member of this tenant already: sign in instead.",
};

/** Where an OpenID Connect sign-in that did not sign the browser in ends (lib/auth/oidc/responses.ts): what to do, never why in detail. */
export default async function SsoRefusedPage({ searchParams }: Props) {
  const raw = (await searchParams).error;
  const refusal = isSsoRefusal(raw) ? raw : "failed";
  return (
    <div className="max-w-md" data-testid="sso-refused">
      <PageHeader title={refusal.startsWith("invitation_") ? "Invitation not accepted" : "Not signed in"} />
      <p role="alert" data-testid={`sso-refused-${refusal}`} className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        {MESSAGES[refusal]}
      </p>
      <p className="mt-4 text-sm">
        <Link href={SIGN_IN_PATH} className="font-medium text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
