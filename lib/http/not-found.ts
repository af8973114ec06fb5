/** An unknown id in a read: the API answers 404 with this message. */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}
