export type SignInResult = { ok: true; tenantId: string } | { ok: false; message: string };

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

/** `POST /api/v1/session`: the server checks the key and keeps it in an HttpOnly cookie. */
export async function signIn(apiKey: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch("/api/v1/session", {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ apiKey }),
    });
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (response.ok) {
    const tenantId = (payload as { tenantId?: unknown } | null)?.tenantId;
    return { ok: true, tenantId: typeof tenantId === "string" ? tenantId : "" };
  }
  if (response.status === 401) return { ok: false, message: "This API key was not accepted: it is unknown or has been revoked." };
  return { ok: false, message: serverMessage(payload) ?? `Sign-in failed (HTTP ${response.status}).` };
}

/** The message of the API's `{error: {message}}`, if the answer carries one. */
function serverMessage(payload: unknown): string | null {
  const message = (payload as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === "string" && message ? message : null;
}

/** `DELETE /api/v1/session`: clears the cookie. */
export async function signOut(): Promise<boolean> {
  try {
    return (await fetch("/api/v1/session", { method: "DELETE" })).ok;
  } catch {
    return false;
  }
}
