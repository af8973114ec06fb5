import { SESSION_TTL_SECONDS } from "@/lib/auth/sessions";

/**
 * The dashboard's session cookie holds an opaque session id (lib/auth/sessions.ts), never the key:
 * HttpOnly (page scripts cannot read it), SameSite=Strict (no other site makes the browser send
 * it), Secure over https, and ended on the server by signing out, by expiry, or by revoking the
 * key it came from.
 */
export const SESSION_COOKIE = "codon_session";

/** Only what a session id can hold; anything else could break the cookie header and is no session anyway. */
const COOKIE_SAFE_VALUE = /^[A-Za-z0-9_-]{1,200}$/;

export function isCookieSafeValue(value: string): boolean {
  return COOKIE_SAFE_VALUE.test(value);
}

function attributes(secure: boolean, maxAgeSeconds: number): string {
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

/** The `Set-Cookie` value that signs the browser in with session id `token`. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  if (!isCookieSafeValue(token)) throw new Error("A session id holds only letters, digits, '-' and '_'");
  return `${SESSION_COOKIE}=${token}; ${attributes(options.secure, options.maxAgeSeconds ?? SESSION_TTL_SECONDS)}`;
}

/** The `Set-Cookie` value that signs the browser out. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return `${SESSION_COOKIE}=; ${attributes(options.secure, 0)}`;
}

/** The session id from a `Cookie` header, or null. */
export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (value && isCookieSafeValue(value)) return value;
  }
  return null;
}
