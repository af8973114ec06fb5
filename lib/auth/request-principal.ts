import type { KeyAuthenticator, LookupOptions, Principal } from "@/lib/auth/authenticator";
import { MissingScopeError } from "@/lib/auth/errors";
import { requestCredential } from "@/lib/auth/request-key";
import type { Scope } from "@/lib/auth/scopes";

/** Who a request acts as: its key header, else its session cookie, else key-less (open servers only). */
export function requestPrincipal(auth: KeyAuthenticator, request: Request, options?: LookupOptions): Promise<Principal> {
  const credential = requestCredential(request);
  if (credential.kind === "key") return auth.fromKey(credential.key, options);
  if (credential.kind === "session") return auth.fromSession(credential.token, options);
  return auth.fromKey(null, options);
}

/** Throws MissingScopeError (403, naming the scope) unless the principal has `scope`. */
export function requireScope(principal: Principal, scope: Scope): Principal {
  if (!principal.scopes.includes(scope)) throw new MissingScopeError(scope, principal.scopes);
  return principal;
}
