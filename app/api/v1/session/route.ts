import { appendAccessEntry } from "@/lib/access-log/append";
import { recordedWrite, recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { signInBody } from "@/lib/auth/api-key-params";
import { checkAttemptBudget, countFailedAttempt, shouldLogRateLimited } from "@/lib/auth/attempts";
import { OPEN_PRINCIPAL, type KeyMode, type Principal } from "@/lib/auth/authenticator";
import { isTooManyAttempts, isUnauthenticatedRequest, MissingScopeError } from "@/lib/auth/errors";
import { requestPrincipal } from "@/lib/auth/request-principal";
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { createSession, deleteSession } from "@/lib/auth/sessions";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
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

/** A refused sign-in: an unknown key's tenant is unknown, so it goes to the `default` tenant's log. */
function refused(request: Request, reason: string, principal: Principal | null): Promise<void> {
  const context = accessContextOf(request, principal);
  return recordRefusal(requireDb(), {
    tenantId: principal?.tenantId ?? DEFAULT_TENANT_ID,
    action: "session.sign_in",
    outcome: "denied",
    ...context,
    // Who tried is unknown: the sign-in carries its key in the body, not as the request's credential.
    actor: principal ? { kind: "key", keyId: principal.keyId } : { kind: "anonymous", keyId: null, label: null },
    details: { reason },
  });
}

/**
 * Signs the browser in: checks `{apiKey}` (it needs `read`, which `admin` brings: the dashboard
 * shows data) and sets an HttpOnly cookie with a new server-side session id, never the key.
 * Failed attempts are limited per client address; each sign-in and each refusal is in the access
 * log (a rate-limited one once a minute per address).
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    try {
      checkAttemptBudget(request);
    } catch (error) {
      if (isTooManyAttempts(error) && shouldLogRateLimited(request)) await refused(request, "rate_limited", null);
      throw error;
    }
    const { apiKey } = await readJsonBody(request, MAX_BODY_BYTES, signInBody);
    const auth = requireAuth();
    // No keys (an open server): nothing to sign in to, and no cookie worth keeping.
    if ((await auth.mode({ fresh: true })) === "open") return json({ tenantId: OPEN_PRINCIPAL.tenantId, scopes: [...OPEN_PRINCIPAL.scopes] } satisfies SignedIn);
    let principal: Principal;
    try {
      principal = await auth.fromKey(apiKey, { fresh: true });
    } catch (error) {
      if (isUnauthenticatedRequest(error)) {
        countFailedAttempt(request);
        await refused(request, "unknown_key", null);
      }
      throw error;
    }
    if (!principal.scopes.includes("read") || principal.keyId === null) {
      await refused(request, "missing_scope", principal);
      throw new MissingScopeError("read", principal.scopes);
    }
    const keyId = principal.keyId;
    const context = accessContextOf(request, principal);
    const session = await recordedWrite(
      requireDb(),
      { tenantId: principal.tenantId, action: "session.sign_in", outcome: "ok", ...context, actor: { kind: "key", keyId } },
      (trx) => createSession(trx, keyId),
      () => ({ target: { kind: "api_key", id: keyId } }),
    );
    log.info("signed in", { tenant: principal.tenantId, key: keyId });
    return Response.json({ tenantId: principal.tenantId, scopes: [...principal.scopes] } satisfies SignedIn, {
      headers: { "set-cookie": sessionCookie(session.token, { secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}

/** Signs the browser out: ends the session on the server and clears the cookie. */
export async function DELETE(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const token = sessionTokenFromCookieHeader(request.headers.get("cookie"));
    if (token) {
      const db = requireDb();
      const context = accessContextOf(request, null);
      const ended = await db.transaction().execute(async (trx) => {
        const session = await deleteSession(trx, token);
        if (session) {
          const entry = { tenantId: session.tenantId, action: "session.sign_out", outcome: "ok", ...context } as const;
          await appendAccessEntry(trx, { ...entry, actor: { kind: "session", keyId: session.keyId }, target: { kind: "api_key", id: session.keyId } });
        }
        return session;
      });
      if (ended) {
        requireAuth().invalidate();
        log.info("signed out");
      }
    }
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": clearedSessionCookie({ secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}
