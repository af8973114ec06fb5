import { ApiError, fetchJson, HTTP_ERROR } from "@/components/ui/api-client";

export type SignInResult = { ok: true; tenantId: string } | { ok: false; message: string };

/** `POST /api/v1/session`: the server checks the key and sets an HttpOnly session cookie (never the key). */
export async function signIn(apiKey: string): Promise<SignInResult> {
  try {
    const body = await fetchJson<{ tenantId?: unknown } | undefined>("/api/v1/session", { method: "POST", body: { apiKey } });
    return { ok: true, tenantId: typeof body?.tenantId === "string" ? body.tenantId : "" };
  } catch (error) {
    return { ok: false, message: signInFailure(error) };
  }
}

/** `POST /api/v1/session` with an email and password: the session acts in the first tenant the user joined. */
export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  try {
    const body = await fetchJson<{ tenantId?: unknown } | undefined>("/api/v1/session", { method: "POST", body: { email, password } });
    return { ok: true, tenantId: typeof body?.tenantId === "string" ? body.tenantId : "" };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { ok: false, message: "Wrong email or password." };
    return { ok: false, message: signInFailure(error) };
  }
}

/** `PUT /api/v1/session`: the session acts in `tenantId` from now on. */
export async function switchTenant(tenantId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await fetchJson("/api/v1/session", { method: "PUT", body: { tenantId } });
    return { ok: true };
  } catch (error) {
    return { ok: false, message: error instanceof ApiError && error.code !== HTTP_ERROR ? error.message : "Switching tenants failed." };
  }
}

/** What the form says: the server's own words where it gave some, else the status. */
export function signInFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return "Sign-in failed.";
  if (error.status === 401) return "This API key was not accepted: it is unknown or has been revoked.";
  return error.code === HTTP_ERROR ? `Sign-in failed (HTTP ${error.status}).` : error.message;
}

/** `DELETE /api/v1/session`: ends the session on the server and clears the cookie. */
export async function signOut(): Promise<boolean> {
  try {
    await fetchJson("/api/v1/session", { method: "DELETE" });
    return true;
  } catch {
    return false;
  }
}

export type FirstKeyResult = { ok: true; key: string; tenantId: string } | { ok: false; message: string };

/** `POST /api/v1/api-keys` with the setup token: the first key, an admin key, shown only now. */
export async function createFirstKey(setupToken: string, tenantId: string, name: string): Promise<FirstKeyResult> {
  try {
    const body = await fetchJson<{ key: string; tenantId: string }>("/api/v1/api-keys", {
      method: "POST",
      headers: { authorization: `Bearer ${setupToken}` },
      body: { tenantId, name: name || null, scopes: ["admin"] },
    });
    return { ok: true, key: body.key, tenantId: body.tenantId };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { ok: false, message: error.message || "This setup token was not accepted." };
    return { ok: false, message: error instanceof ApiError && error.code !== HTTP_ERROR ? error.message : "Creating the key failed." };
  }
}

/** `POST /api/v1/setup` with the setup token: the first owner, and this browser signed in as them. */
export async function createFirstOwner(setupToken: string, email: string, password: string, tenantId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await fetchJson("/api/v1/setup", { method: "POST", headers: { authorization: `Bearer ${setupToken}` }, body: { email, password, tenantId } });
    return { ok: true };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { ok: false, message: error.message || "This setup token was not accepted." };
    return { ok: false, message: error instanceof ApiError && error.code !== HTTP_ERROR ? error.message : "Creating the owner failed." };
  }
}
