import { ApiError, fetchJson, HTTP_ERROR } from "@/components/ui/api-client";

export type SignInResult = { ok: true; tenantId: string } | { ok: false; message: string };

/** `POST /api/v1/session`: the server checks the key and keeps it in an HttpOnly cookie. */
export async function signIn(apiKey: string): Promise<SignInResult> {
  try {
    const body = await fetchJson<{ tenantId?: unknown } | undefined>("/api/v1/session", { method: "POST", body: { apiKey } });
    return { ok: true, tenantId: typeof body?.tenantId === "string" ? body.tenantId : "" };
  } catch (error) {
    return { ok: false, message: signInFailure(error) };
  }
}

/** What the form says: the server's own words where it gave some, else the status. */
export function signInFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return "Sign-in failed.";
  if (error.status === 401) return "This API key was not accepted: it is unknown or has been revoked.";
  return error.code === HTTP_ERROR ? `Sign-in failed (HTTP ${error.status}).` : error.message;
}

/** `DELETE /api/v1/session`: clears the cookie. */
export async function signOut(): Promise<boolean> {
  try {
    await fetchJson("/api/v1/session", { method: "DELETE" });
    return true;
  } catch {
    return false;
  }
}
