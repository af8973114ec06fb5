/**
 * The dashboard's session cookie holds the API key itself. For this self-hosted tool that is
 * acceptable: the cookie is HttpOnly (page scripts cannot read it), SameSite=Strict (no other
 * site can make the browser send it), Secure over https, and revoking the key ends every
 * session using it (within the collector's 5 s cache) with no session table to keep in sync.
 */
export const SESSION_COOKIE = "codon_session";

/** A week: long enough not to ask every morning; revoking the key ends it sooner. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Keys are `cok_` + base64url; anything else could break the cookie header and is no key anyway. */
const COOKIE_SAFE_KEY = /^[A-Za-z0-9_-]{1,200}$/;

export function isCookieSafeKey(key: string): boolean {
  return COOKIE_SAFE_KEY.test(key);
}

function attributes(secure: boolean, maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

/** The `Set-Cookie` value that signs the browser in with `key`. */
export function sessionCookie(key: string, options: { secure: boolean }): string {
  if (!isCookieSafeKey(key)) throw new Error("An API key holds only letters, digits, '-' and '_'");
  return `${SESSION_COOKIE}=${key}; ${attributes(options.secure, SESSION_MAX_AGE_SECONDS)}`;
}

/** The `Set-Cookie` value that signs the browser out. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return `${SESSION_COOKIE}=; ${attributes(options.secure, 0)}`;
}

/** The session key from a `Cookie` header, or null. */
export function sessionKeyFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (value && isCookieSafeKey(value)) return value;
  }
  return null;
}

/** Over https, directly or behind a proxy that terminates TLS; decides the cookie's Secure flag. */
export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:";
}
