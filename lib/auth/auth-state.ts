import type { KeyAuthenticator, KeyMode } from "@/lib/auth/authenticator";
import { isUnauthenticatedRequest } from "@/lib/auth/errors";
import type { Scope } from "@/lib/auth/scopes";
import type { SessionUser } from "@/lib/auth/sessions";

export interface AuthState {
  keyMode: KeyMode;
  /** Every mode but `open` needs a key (or a session). */
  keysRequired: boolean;
  /** The tenant the session opens; `default` on an open server; null when a session is needed and this one is missing or ended. */
  tenantId: string | null;
  scopes: Scope[];
  /** The person signed in, with their role in the tenant; null for keys and open use. */
  user: SessionUser | null;
}

/**
 * The key mode and whom a dashboard session id signs in as, through the authenticator (cached,
 * so this costs no query per page or request). Database trouble is thrown as is.
 */
export async function authState(auth: KeyAuthenticator, sessionToken: string | null): Promise<AuthState> {
  const keyMode = await auth.mode();
  const keysRequired = keyMode !== "open";
  try {
    const principal = sessionToken ? await auth.fromSession(sessionToken) : await auth.fromKey(null);
    return { keyMode, keysRequired, tenantId: principal.tenantId, scopes: [...principal.scopes], user: principal.user ?? null };
  } catch (error) {
    if (isUnauthenticatedRequest(error)) return { keyMode, keysRequired, tenantId: null, scopes: [], user: null };
    throw error;
  }
}
