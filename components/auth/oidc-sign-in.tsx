import { OIDC_START_PATH, oidcSettings } from "@/lib/auth/oidc/settings";

/**
 * "Sign in with SSO" when OpenID Connect is configured, else nothing. A plain link: the start
 * route redirects to the provider, so no script is needed (and none runs before the click).
 */
export function OidcSignIn({ next }: { next: string }) {
  const settings = oidcSettings();
  if (!settings) return null;
  return (
    <div className="mt-6 border-t border-slate-200 pt-6">
      <a
        href={`${OIDC_START_PATH}?next=${encodeURIComponent(next)}`}
        data-testid="oidc-sign-in"
        className="inline-block rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        {settings.label}
      </a>
    </div>
  );
}

/**
 * On an invitation: accept it by signing in at the provider, beside the password form. The start
 * route checks the token and keeps only the invitation's id in the sealed flow; the provider
 * never sees the token (the page sends no Referer).
 */
export function OidcAcceptInvitation({ token, email, only }: { token: string; email: string; only: boolean }) {
  const settings = oidcSettings();
  if (!settings) return null;
  return (
    <div className={only ? "" : "mt-6 border-t border-slate-200 pt-6"} data-testid="oidc-accept-section">
      <p className="mb-3 text-sm text-slate-700">
        {only ? "Accept" : "Or accept"} with single sign-on: the identity provider must confirm {email}.
      </p>
      <a
        href={`${OIDC_START_PATH}?invitation=${encodeURIComponent(token)}`}
        data-testid="oidc-accept"
        className="inline-block rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        {settings.label}
      </a>
    </div>
  );
}
