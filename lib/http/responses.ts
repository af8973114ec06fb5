/** The API's error shape: `{ error: { code, message } }` with the matching status. */
export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/** Reads a request body as text, refusing it once it passes `limit` bytes (declared or streamed). */
export async function readTextWithLimit(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(`Body exceeds the limit of ${limit} bytes`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(`Body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** 401 for a missing or invalid API key; `WWW-Authenticate` tells clients to send a Bearer key. */
export function unauthenticated(message: string): Response {
  return jsonError(401, "unauthenticated", message, { "www-authenticate": "Bearer" });
}
