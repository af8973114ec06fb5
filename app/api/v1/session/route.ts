import { signInBody } from "@/lib/auth/api-key-params";
import { checkAttemptBudget, countFailedAttempt } from "@/lib/auth/attempts";
import { OPEN_PRINCIPAL, type KeyMode, type Principal } from "@/lib/auth/authenticator";
import { isUnauthenticatedRequest, MissingScopeError } from "@/lib/auth/errors";
import { requestPrincipal } from "@/lib/auth/request-principal";
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { createSession, deleteSession } from "@/lib/auth/sessions";
import { isSecureRequest } from "@/lib/http/client-info";
import { handleApi, json, readJsonBody } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import type { SessionState, SignedIn } from "@/lib/openapi/wire-types";
import { requireAuth, requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;

async function currentPrincipal(request: Request): Promise<Principal | null> {
  try {
    return await requestPrincipal(requireAuth(), request);
  } catch (error) {
    if (isUnauthenticatedRequest(error)) return null;
    throw error;
  }
}

/** `{keyMode, keysRequired, signedIn, tenantId, scopes}` for the key or session the request carries; never 401. */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const keyMode: KeyMode = await requireAuth().mode();
    const principal = await currentPrincipal(request);
    const keysRequired = keyMode !== "open";
    return json({
      keyMode,
      keysRequired,
      signedIn: keysRequired && principal !== null,
      tenantId: principal?.tenantId ?? null,
      scopes: principal ? [...principal.scopes] : [],
    } satisfies SessionState);
  });
}

/**
 * Signs the browser in: checks `{apiKey}` (it needs `read`, which `admin` brings: the dashboard
 * shows data) and sets an HttpOnly cookie with a new server-side session id, never the key.
 * Failed attempts are limited per client address.
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    checkAttemptBudget(request);
    const { apiKey } = await readJsonBody(request, MAX_BODY_BYTES, signInBody);
    const auth = requireAuth();
    // No keys (an open server): nothing to sign in to, and no cookie worth keeping.
    if ((await auth.mode({ fresh: true })) === "open") return json({ tenantId: OPEN_PRINCIPAL.tenantId, scopes: [...OPEN_PRINCIPAL.scopes] } satisfies SignedIn);
    let principal: Principal;
    try {
      principal = await auth.fromKey(apiKey, { fresh: true });
    } catch (error) {
      if (isUnauthenticatedRequest(error)) countFailedAttempt(request);
      throw error;
    }
    if (!principal.scopes.includes("read") || principal.keyId === null) throw new MissingScopeError("read", principal.scopes);
    const session = await createSession(requireDb(), principal.keyId);
    log.info("signed in", { tenant: principal.tenantId, key: principal.keyId });
    return Response.json({ tenantId: principal.tenantId, scopes: [...principal.scopes] } satisfies SignedIn, {
      headers: { "set-cookie": sessionCookie(session.token, { secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}

/** Signs the browser out: ends the session on the server and clears the cookie. */
export async function DELETE(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const token = sessionTokenFromCookieHeader(request.headers.get("cookie"));
    if (token && (await deleteSession(requireDb(), token))) {
      requireAuth().invalidate();
      log.info("signed out");
    }
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": clearedSessionCookie({ secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}
