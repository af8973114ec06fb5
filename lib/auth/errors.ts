import type { Scope } from "@/lib/auth/scopes";
import { missingScopeMessage } from "@/lib/auth/scopes";

// Told apart by `name`, never `instanceof`: Next bundles route handlers into a module graph of
// their own, so an error the authenticator (loaded by server.ts) throws is not an instance of
// the route bundle's copy of its class.

const named = (error: unknown, ...names: string[]): boolean => error instanceof Error && names.includes(error.name);

/** No valid API key where one is needed: 401 with `WWW-Authenticate: Bearer`. */
export class UnauthenticatedRequestError extends Error {
  override name = "UnauthenticatedRequestError";
}
export const isUnauthenticatedRequest = (error: unknown): error is UnauthenticatedRequestError => named(error, "UnauthenticatedRequestError");

/**
 * What a refusal found missing: a scope, or what scopes cannot say (ADR 0015): giving feedback,
 * seeing content, a role high enough (only owners make owners), membership of a tenant, or
 * acting for another tenant.
 */
export type Right = Scope | "feedback" | "content" | "role" | "membership" | "tenant";

/** Who a right check refused, as the access log names them (a Principal is one; not imported: the authenticator imports this module). */
export interface RefusedCaller {
  tenantId: string;
  keyId: string | null;
  user?: { id: string; email: string };
}

/** A valid key asking for what its tenant may not do: 403. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  /** Set by the right checks (lib/auth/request-principal.ts): who was refused and for lack of what, so the API can record it. */
  refusal?: { principal: RefusedCaller; needs: Right };
}
export const isForbidden = (error: unknown): error is ForbiddenError => named(error, "ForbiddenError", "MissingScopeError");

/** A valid key without the scope this needs: 403 naming the scope. */
export class MissingScopeError extends ForbiddenError {
  override name = "MissingScopeError";
  constructor(
    readonly scope: Scope,
    have: readonly Scope[],
  ) {
    super(missingScopeMessage(scope, have));
  }
}
export const isMissingScope = (error: unknown): error is MissingScopeError => named(error, "MissingScopeError");

/** Keys or sessions could not be checked (the database is unavailable): 503, retry. */
export class AuthUnavailableError extends Error {
  override name = "AuthUnavailableError";
}
export const isAuthUnavailable = (error: unknown): error is AuthUnavailableError => named(error, "AuthUnavailableError");

/** Too many failed attempts from one client: 429 with `Retry-After`. */
export class TooManyAttemptsError extends Error {
  override name = "TooManyAttemptsError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
export const isTooManyAttempts = (error: unknown): error is TooManyAttemptsError => named(error, "TooManyAttemptsError");
