import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { createLogger } from "@/lib/runtime/log";
import { requireDb, serverRuntime, DatabaseUnavailableError } from "@/lib/runtime/registry";
import { authState, type AuthState } from "@/lib/auth/auth-state";
import { MissingScopeError } from "@/lib/auth/errors";
import { signInHref } from "@/lib/auth/next-path";
import { SESSION_COOKIE, isCookieSafeValue } from "@/lib/auth/session-cookie";
import { membershipsOf, type TenantMembership } from "@/lib/users/users";

// Server components only: reads the request's cookies through next/headers.

const log = createLogger("auth");

/** The session id in the request's cookie, if it holds one. */
export async function sessionCookieToken(): Promise<string | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value && isCookieSafeValue(value) ? value : null;
}

/**
 * The tenant a page shows: `default` on an open server, else the signed-in session's tenant,
 * which needs `read`; without a valid session it redirects to sign-in and back to
 * `pathForRedirect`. Throws (like `requireDb`) while the server is not ready, so pages keep
 * showing their error panel; pages that catch errors must `unstable_rethrow` first, or the
 * redirect is caught too.
 */
export async function pageTenant(pathForRedirect: string, scope: "read" | "admin" = "read"): Promise<string> {
  return (await pageAccess(pathForRedirect, scope)).tenantId;
}

/** pageTenant's checks, answering with the whole session: who is signed in (and their role), and the key mode. */
export async function pageAccess(pathForRedirect: string, scope: "read" | "admin" = "read"): Promise<AuthState & { tenantId: string }> {
  const token = await sessionCookieToken();
  requireDb();
  const auth = serverRuntime().auth;
  if (!auth) throw new DatabaseUnavailableError("The collector is starting; reload in a moment");
  const state = await authState(auth, token);
  if (state.tenantId === null) redirect(signInHref(pathForRedirect));
  if (!state.scopes.includes("read")) throw new MissingScopeError("read", state.scopes);
  if (!state.scopes.includes(scope)) throw new MissingScopeError(scope, state.scopes);
  return { ...state, tenantId: state.tenantId };
}

/** The session as the page shell shows it; null while that cannot be known (server starting, database down). */
export async function sessionState(): Promise<AuthState | null> {
  // Outside the try: during a build, cookies() throws to mark the route dynamic.
  const token = await sessionCookieToken();
  const auth = serverRuntime().auth;
  if (!auth) return null;
  try {
    return await authState(auth, token);
  } catch (error) {
    log.warn("could not check the session", { error: (error as Error).message });
    return null;
  }
}

/** The tenants a signed-in user may switch between (the shell's switcher); empty when that cannot be known. */
export async function sessionTenants(state: AuthState | null): Promise<TenantMembership[]> {
  const db = serverRuntime().db;
  if (!state?.user || !db) return [];
  try {
    return await membershipsOf(db, state.user.id);
  } catch (error) {
    log.warn("could not list the user's tenants", { error: (error as Error).message });
    return [];
  }
}
