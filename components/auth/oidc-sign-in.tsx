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
