import type { KeyAuthenticator, LookupOptions, Principal } from "@/lib/auth/authenticator";
import { ForbiddenError, MissingScopeError, type Right } from "@/lib/auth/errors";
import { requestCredential } from "@/lib/auth/request-key";
import { rightsOf } from "@/lib/auth/rights";
import type { Scope } from "@/lib/auth/scopes";

/** Who a request acts as: its key header, else its session cookie, else key-less (open servers only). */
export function requestPrincipal(auth: KeyAuthenticator, request: Request, options?: LookupOptions): Promise<Principal> {
  const credential = requestCredential(request);
  if (credential.kind === "key") return auth.fromKey(credential.key, options);
  if (credential.kind === "session") return auth.fromSession(credential.token, options);
  return auth.fromKey(null, options);
}

/** The error names who it refused: the API's error mapping records the refusal in the access log (ADR 0013). */
export function refusing<E extends ForbiddenError>(error: E, principal: Principal, needs: Right): E {
  error.refusal = { principal, needs };
  return error;
}

/** Throws MissingScopeError (403, naming the scope) unless the principal has `scope`. */
export function requireScope(principal: Principal, scope: Scope): Principal {
  if (!principal.scopes.includes(scope)) throw refusing(new MissingScopeError(scope, principal.scopes), principal, scope);
  return principal;
}

/** Throws ForbiddenError (403) for a viewer: feedback and scores change what the tenant holds. Keys need only `read`. */
export function requireFeedbackRight(principal: Principal): Principal {
  if (!rightsOf(principal).feedback) throw refusing(new ForbiddenError("Viewers cannot give or remove feedback and scores: ask an admin of this tenant for the member role"), principal, "feedback");
  return principal;
}

/** Whether the principal sees inputs, outputs, attribute values, log bodies and ledger payloads: all but a viewer where the tenant hides them. */
export function seesContent(principal: Principal): boolean {
  return rightsOf(principal).content;
}

/** Throws ForbiddenError (403) when the principal may not see inputs and outputs (a viewer, where the tenant hides them). */
export function requireContentRight(principal: Principal): Principal {
  if (!seesContent(principal)) throw refusing(new ForbiddenError("Inputs and outputs are hidden from viewers in this tenant"), principal, "content");
  return principal;
}
