import { bearerKey } from "@/lib/http/responses";
import { sessionKeyFromCookieHeader } from "@/lib/auth/session-cookie";

/** The API key a request carries: `x-codon-api-key` / `Authorization: Bearer` first, else the dashboard's session cookie. */
export function requestApiKey(request: Request): string | null {
  return bearerKey(request) ?? sessionKeyFromCookieHeader(request.headers.get("cookie"));
}
