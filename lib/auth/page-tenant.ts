import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { createLogger } from "@/lib/runtime/log";
import { requireDb, serverRuntime, DatabaseUnavailableError } from "@/lib/runtime/registry";
import { authState, type AuthState } from "@/lib/auth/auth-state";
import { signInHref } from "@/lib/auth/next-path";
import { SESSION_COOKIE, isCookieSafeKey } from "@/lib/auth/session-cookie";

// Server components only: reads the request's cookies through next/headers.

const log = createLogger("auth");

/** The key in the request's session cookie, if it holds one. */
export async function sessionCookieKey(): Promise<string | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value && isCookieSafeKey(value) ? value : null;
}

/**
 * The tenant a page shows: `default` while no API key exists, else the signed-in key's tenant;
 * without a valid session it redirects to sign-in and back to `pathForRedirect`. Throws (like
 * `requireDb`) while the server is not ready, so pages keep showing their error panel; pages
 * that catch errors must `unstable_rethrow` first, or the redirect is caught too.
 */
export async function pageTenant(pathForRedirect: string): Promise<string> {
  const key = await sessionCookieKey();
  requireDb();
  const ingest = serverRuntime().ingest;
  if (!ingest) throw new DatabaseUnavailableError("The collector is starting; reload in a moment");
  const state = await authState(ingest, key);
  if (state.tenantId !== null) return state.tenantId;
  redirect(signInHref(pathForRedirect));
}

/** The session as the page shell shows it; null while that cannot be known (server starting, database down). */
export async function sessionState(): Promise<AuthState | null> {
  // Outside the try: during a build, cookies() throws to mark the route dynamic.
  const key = await sessionCookieKey();
  const ingest = serverRuntime().ingest;
  if (!ingest) return null;
  try {
    return await authState(ingest, key);
  } catch (error) {
    log.warn("could not check the session", { error: (error as Error).message });
    return null;
  }
}
