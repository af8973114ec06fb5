import { appendAccessEntry } from "@/lib/access-log/append";
import { recordedWrite, recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { signInBody, switchTenantBody } from "@/lib/auth/api-key-params";
import { checkAttemptBudget, countFailedAttempt, shouldLogRateLimited } from "@/lib/auth/attempts";
import { OPEN_PRINCIPAL, type KeyMode, type Principal } from "@/lib/auth/authenticator";
import { ForbiddenError, isTooManyAttempts, isUnauthenticatedRequest, MissingScopeError, TooManyAttemptsError, UnauthenticatedRequestError } from "@/lib/auth/errors";
import { refusing, requestPrincipal } from "@/lib/auth/request-principal";
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { createSession, deleteSession, switchSessionTenant } from "@/lib/auth/sessions";
import { openSignedInSession } from "@/lib/users/user-sign-in-session";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { isSecureRequest } from "@/lib/http/client-info";
import { handleApi, json, readJsonBody } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import type { SessionState, SignedIn } from "@/lib/openapi/wire-types";
import { requireAuth, requireDb } from "@/lib/runtime/registry";
import { signInWithPassword } from "@/lib/users/sign-in";
import { membershipsOf } from "@/lib/users/users";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;
const WRONG_CREDENTIALS = "Wrong email or password";

async function currentPrincipal(request: Request): Promise<Principal | null> {
  try {
    return await requestPrincipal(requireAuth(), request);
  } catch (error) {
    if (isUnauthenticatedRequest(error)) return null;
    throw error;
  }
}

/** `{keyMode, keysRequired, signedIn, tenantId, scopes, user, tenants}` for the key or session the request carries; never 401. */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const keyMode: KeyMode = await requireAuth().mode();
    const principal = await currentPrincipal(request);
    const keysRequired = keyMode !== "open";
    const user = principal?.user ?? null;
    return json({
      keyMode,
      keysRequired,
      signedIn: keysRequired && principal !== null,
      tenantId: principal?.tenantId ?? null,
      scopes: principal ? [...principal.scopes] : [],
      user,
      tenants: user ? await membershipsOf(requireDb(), user.id) : [],
    } satisfies SessionState);
  });
}

/** A refused sign-in. An unknown key's or email's tenant is unknown, so it goes to the `default` tenant's log. */
function refused(request: Request, reason: string, principal: Principal | null, who: { tenantId: string | null; userId?: string | null; email?: string } = { tenantId: null }): Promise<void> {
  const context = accessContextOf(request, principal);
  const actor =
    principal !== null
      ? context.actor
      : who.userId
        ? { kind: "user" as const, keyId: who.userId, label: who.email ?? null }
        : // Who tried is unknown: the sign-in carries its credential in the body, not as the request's.
          { kind: "anonymous" as const, keyId: null, label: null };
  return recordRefusal(requireDb(), {
    tenantId: principal?.tenantId ?? who.tenantId ?? DEFAULT_TENANT_ID,
    action: "session.sign_in",
    outcome: "denied",
    ...context,
    actor,
    details: { reason },
  });
}

function signedInResponse(request: Request, body: SignedIn, token: string): Response {
  return Response.json(body, {
    headers: { "set-cookie": sessionCookie(token, { secure: isSecureRequest(request) }), "cache-control": "no-store" },
  });
}

/**
 * Signs the browser in with `{apiKey}` (it needs `read`, which `admin` brings: the dashboard
 * shows data) or `{email, password}` (optionally `tenantId`), and sets an HttpOnly cookie with a
 * new server-side session id, never the credential. Failed attempts are limited per client
 * address, and an account locks after repeated wrong passwords; each sign-in and each refusal is
 * in the access log (a rate-limited one once a minute per address).
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    try {
      checkAttemptBudget(request);
    } catch (error) {
      if (isTooManyAttempts(error) && shouldLogRateLimited(request)) await refused(request, "rate_limited", null);
      throw error;
    }
    const body = await readJsonBody(request, MAX_BODY_BYTES, signInBody);
    const auth = requireAuth();
    // No keys (an open server): nothing to sign in to, and no cookie worth keeping.
    if ((await auth.mode({ fresh: true })) === "open") return json({ tenantId: OPEN_PRINCIPAL.tenantId, scopes: [...OPEN_PRINCIPAL.scopes], user: null } satisfies SignedIn);
    if (body.apiKey !== undefined) return signInWithKey(request, body.apiKey);
    return signInAsUser(request, body.email ?? "", body.password ?? "", body.tenantId ?? null);
  });
}

async function signInWithKey(request: Request, apiKey: string): Promise<Response> {
  let principal: Principal;
  try {
    principal = await requireAuth().fromKey(apiKey, { fresh: true });
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
  return signedInResponse(request, { tenantId: principal.tenantId, scopes: [...principal.scopes], user: null }, session.token);
}

async function signInAsUser(request: Request, email: string, password: string, wantedTenant: string | null): Promise<Response> {
  const db = requireDb();
  const result = await signInWithPassword(db, email, password, wantedTenant);
  if (!result.ok) {
    const who = { tenantId: result.tenantId, userId: result.userId, email: result.userId ? email.trim().toLowerCase() : undefined };
    if (result.reason === "no_tenant") {
      await refused(request, "no_tenant", null, who);
      throw new ForbiddenError("Your account is not a member of any tenant yet: ask an admin for an invitation");
    }
    countFailedAttempt(request);
    await refused(request, result.reason, null, who);
    if (result.reason === "wrong_credentials" && result.lockedUntil && result.userId && result.tenantId) {
      await recordRefusal(db, { tenantId: result.tenantId, action: "user.locked", outcome: "denied", ...accessContextOf(request, null), actor: { kind: "user", keyId: result.userId, label: who.email ?? null }, details: { until: result.lockedUntil.toISOString() } });
      log.warn("account locked after repeated failed sign-ins", { user: result.userId });
    }
    if (result.reason === "locked") {
      const seconds = Math.max(1, Math.ceil((result.lockedUntil.getTime() - Date.now()) / 1000));
      throw new TooManyAttemptsError(`This account is locked after repeated failed sign-ins; try again in ${Math.ceil(seconds / 60)} min`, seconds);
    }
    throw new UnauthenticatedRequestError(WRONG_CREDENTIALS);
  }
  const { userId, membership } = result;
  const { token, principal } = await openSignedInSession(db, request, result);
  log.info("signed in", { tenant: membership.tenantId, user: userId });
  // What the viewer sees is the session's to say (GET): it follows the tenant's setting live.
  const signedIn = await requireAuth().fromSession(token, { fresh: true });
  return signedInResponse(request, { tenantId: signedIn.tenantId, scopes: [...signedIn.scopes], user: signedIn.user ?? principal.user ?? null }, token);
}

/** Switches a user's session to another tenant they belong to (`{tenantId}`); 403 when they are not a member there. */
export async function PUT(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const { tenantId } = await readJsonBody(request, MAX_BODY_BYTES, switchTenantBody);
    const token = sessionTokenFromCookieHeader(request.headers.get("cookie"));
    const auth = requireAuth();
    const current = token ? await auth.fromSession(token, { fresh: true }) : null;
    if (!token || !current?.user) throw new UnauthenticatedRequestError("Switching tenants needs a signed-in user's session");
    const db = requireDb();
    const moved = await db.transaction().execute(async (trx) => {
      if (!(await switchSessionTenant(trx, token, tenantId))) return false;
      await appendAccessEntry(trx, { tenantId, action: "session.switch_tenant", outcome: "ok", ...accessContextOf(request, current), details: { from: current.tenantId } });
      return true;
    });
    if (!moved) throw refusing(new ForbiddenError(`You are not a member of tenant "${tenantId}"`), current, "membership");
    auth.invalidate();
    const principal = await auth.fromSession(token, { fresh: true });
    log.info("switched tenant", { user: current.user.id, tenant: tenantId });
    return json({ tenantId: principal.tenantId, scopes: [...principal.scopes], user: principal.user ?? null } satisfies SignedIn);
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
          if (session.userId !== null) await appendAccessEntry(trx, { ...entry, actor: { kind: "user", keyId: session.userId }, target: { kind: "user", id: session.userId } });
          else await appendAccessEntry(trx, { ...entry, actor: { kind: "session", keyId: session.keyId }, target: { kind: "api_key", id: session.keyId ?? "" } });
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
