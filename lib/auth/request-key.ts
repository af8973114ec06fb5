import { sessionKeyFromCookieHeader } from "@/lib/auth/session-cookie";

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

/** The API key a request carries: `x-codon-api-key` / `Authorization: Bearer` first, else the dashboard's session cookie. */
export function requestApiKey(request: Request): string | null {
  return apiKeyFrom((name) => request.headers.get(name)) ?? sessionKeyFromCookieHeader(request.headers.get("cookie"));
}
