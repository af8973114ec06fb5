import { sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";

/**
 * `x-codon-api-key: <key>` or `Authorization: Bearer <key>`, from any header source: HTTP
 * headers, gRPC metadata or a fetch Request.
 */
export function apiKeyFrom(get: (name: string) => string | null | undefined): string | null {
  const direct = get("x-codon-api-key")?.trim();
  if (direct) return direct;
  const bearer = /^Bearer\s+(.+)$/i.exec(get("authorization")?.trim() ?? "");
  return bearer?.[1]?.trim() || null;
}

/** What a request authenticates with: a key header first, else the dashboard's session cookie. */
export type RequestCredential = { kind: "key"; key: string } | { kind: "session"; token: string } | { kind: "none" };

export function requestCredential(request: Request): RequestCredential {
  const key = apiKeyFrom((name) => request.headers.get(name));
  if (key) return { kind: "key", key };
  const token = sessionTokenFromCookieHeader(request.headers.get("cookie"));
  return token ? { kind: "session", token } : { kind: "none" };
}
