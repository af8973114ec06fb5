import { authState } from "@/lib/auth/auth-state";
import { signInBody } from "@/lib/auth/api-key-params";
import { UnauthenticatedRequestError } from "@/lib/auth/errors";
import { requestApiKey } from "@/lib/auth/request-key";
import { clearedSessionCookie, isCookieSafeKey, isSecureRequest, sessionCookie } from "@/lib/auth/session-cookie";
import { handleApi, json, readJsonBody } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import type { SessionState, SignedIn } from "@/lib/openapi/wire-types";
import { DatabaseUnavailableError, serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;

function ingest() {
  const service = serverRuntime().ingest;
  if (!service) throw new DatabaseUnavailableError("The server is starting; retry shortly");
  return service;
}

/** `{keysRequired, signedIn, tenantId}` for the key or session the request carries; never 401. */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const state = await authState(ingest(), requestApiKey(request));
    return json({ keysRequired: state.keysRequired, signedIn: state.keysRequired && state.tenantId !== null, tenantId: state.tenantId } satisfies SessionState);
  });
}

/** Signs the browser in: checks `{apiKey}` and keeps it in an HttpOnly cookie (see lib/auth/session-cookie.ts). */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const { apiKey } = await readJsonBody(request, MAX_BODY_BYTES, signInBody);
    const state = await authState(ingest(), isCookieSafeKey(apiKey) ? apiKey : null);
    // No keys configured: nothing to sign in to, and no cookie worth keeping.
    if (!state.keysRequired) return json({ tenantId: state.tenantId } satisfies SignedIn);
    if (state.tenantId === null || !isCookieSafeKey(apiKey)) throw new UnauthenticatedRequestError("Unknown or revoked API key");
    log.info("signed in", { tenant: state.tenantId });
    return Response.json(
      { tenantId: state.tenantId } satisfies SignedIn,
      { headers: { "set-cookie": sessionCookie(apiKey, { secure: isSecureRequest(request) }), "cache-control": "no-store" } },
    );
  });
}

/** Signs the browser out: clears the cookie (the key itself stays valid). */
export async function DELETE(request: Request): Promise<Response> {
  return new Response(null, {
    status: 204,
    headers: { "set-cookie": clearedSessionCookie({ secure: isSecureRequest(request) }), "cache-control": "no-store" },
  });
}
