/** No valid API key where one is needed: 401 with `WWW-Authenticate: Bearer`. */
export class UnauthenticatedRequestError extends Error {
  override name = "UnauthenticatedRequestError";
}

/** A valid key asking for what its tenant may not do: 403. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}
