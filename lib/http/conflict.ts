/** A write the resource's current state refuses (the last owner, an email already a member): 409 `conflict`. */
export class ConflictError extends Error {
  override name = "ConflictError";
}

/** Something that existed and no longer can be used (an expired, revoked or used link): 410 `gone`. */
export class GoneError extends Error {
  override name = "GoneError";
}
