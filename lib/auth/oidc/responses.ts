// What the browser gets at the end of an OpenID Connect sign-in. Not JSON: these are top-level
// navigations, so a page or a redirect to one.

/** The page that says why SSO did not sign the browser in (app/sign-in/sso/page.tsx). */
export const SSO_REFUSED_PATH = "/sign-in/sso";

/**
 * What the refusal page may say: whether the person should ask for an invitation, and when they
 * accept one, what stopped it (they hold the link, so its state is theirs to know).
 */
export const SSO_REFUSALS = [
  "not_invited",
  "failed",
  "invitation_invalid",
  "invitation_expired",
  "invitation_revoked",
  "invitation_accepted",
  "invitation_email",
  "invitation_member",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return (SSO_REFUSALS as readonly unknown[]).includes(value);
}

function withCookies(headers: Headers, cookies: string[]): Headers {
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  headers.set("cache-control", "no-store");
  return headers;
}

/** 303 to the refusal page; the reason stays in the logs. */
export function refusedRedirect(refusal: SsoRefusal, cookies: string[] = []): Response {
  return new Response(null, { status: 303, headers: withCookies(new Headers({ location: `${SSO_REFUSED_PATH}?error=${refusal}` }), cookies) });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * 200 with a page that moves on to `next` itself, rather than a redirect: the session cookie is
 * SameSite=Strict, and a browser leaves it off every request of a navigation another site started
 * (the provider's redirect here), redirects included. The refresh is this page's own navigation,
 * same-site, so the first page after signing in already has the cookie. No script: the API's CSP
 * allows none, and a meta refresh needs none. `next` is a safe path (safeNextPath), kept as given.
 */
export function signedInPage(next: string, cookies: string[]): Response {
  const target = escapeHtml(next);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Signed in</title></head>
<body><p>Signed in. <a href="${target}">Continue</a></p></body></html>
`;
  return new Response(html, { status: 200, headers: withCookies(new Headers({ "content-type": "text/html; charset=utf-8" }), cookies) });
}
