import type { Scope } from "@/lib/auth/scopes";
import { missingScopeMessage } from "@/lib/auth/scopes";

/** No valid API key where one is needed: 401 with `WWW-Authenticate: Bearer`. */
export class UnauthenticatedRequestError extends Error {
  override name = "UnauthenticatedRequestError";
}

/** A valid key asking for what its tenant may not do: 403. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}

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

/** Keys or sessions could not be checked (the database is unavailable): 503, retry. */
export class AuthUnavailableError extends Error {
  override name = "AuthUnavailableError";
}

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
