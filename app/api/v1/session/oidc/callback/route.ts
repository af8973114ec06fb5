import { recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { checkAttemptBudget, countFailedAttempt, shouldLogRateLimited } from "@/lib/auth/attempts";
import { acceptInvitationWithIdentity } from "@/lib/auth/oidc/accept-invitation";
import { clearedFlowCookie, flowCookieValue, openFlow } from "@/lib/auth/oidc/flow-cookie";
import { completeAuthorization, describeOidcError } from "@/lib/auth/oidc/provider";
import { refusedRedirect, signedInPage, type SsoRefusal } from "@/lib/auth/oidc/responses";
import { oidcSettings } from "@/lib/auth/oidc/settings";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { openSignedInSession } from "@/lib/users/user-sign-in-session";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { isSecureRequest } from "@/lib/http/client-info";
import { handleApi, NotFoundError } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import { requireDb } from "@/lib/runtime/registry";
import { signInWithIdentity } from "@/lib/users/identities";
import { membershipsOf } from "@/lib/users/users";

export const dynamic = "force-dynamic";

const log = createLogger("auth");

interface Refused {
  reason: string;
  /** Shown to the person: whether to ask for an invitation; everything else is "it did not work". */
  refusal: SsoRefusal;
  detail?: string;
  user?: { id: string; email: string };
}

/**
 * Where the provider sends the browser back: checks the answer against the flow cookie, finds the
 * user (linked identity, else verified email), and signs them in as a password sign-in does
 * (session cookie, `session.sign_in` in the access log); or, when the flow accepts an invitation,
 * joins the invited person (lib/auth/oidc/accept-invitation.ts). Any failure: a generic page for
 * the person, the reason in the server log and the access log.
 */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async (url) => {
    const settings = oidcSettings();
    if (!settings) throw new NotFoundError("Single sign-on is not configured on this server (OIDC_ISSUER)");
    const secure = isSecureRequest(request);
    const cleared = clearedFlowCookie({ secure });
    try {
      checkAttemptBudget(request);
    } catch {
      if (shouldLogRateLimited(request)) await refuse(request, { reason: "rate_limited", refusal: "failed" });
      log.warn("OpenID Connect sign-in refused", { reason: "rate_limited" });
      return refusedRedirect("failed", [cleared]);
    }
    const sealed = flowCookieValue(request.headers.get("cookie"));
    const flow = sealed ? openFlow(sealed, settings.clientSecret) : null;
    if (!flow) return refused(request, { reason: "no_flow", refusal: "failed", detail: sealed ? "flow cookie invalid or expired" : "no flow cookie" }, cleared);

    let identity: Awaited<ReturnType<typeof completeAuthorization>>;
    try {
      identity = await completeAuthorization(settings, flow, url.search);
    } catch (error) {
      const { reason, detail } = describeOidcError(error);
      return refused(request, { reason, refusal: "failed", detail }, cleared);
    }

    if (flow.invitationId !== undefined) return acceptInvitationWithIdentity(request, flow.invitationId, identity, { next: flow.next, secure, cleared });

    const db = requireDb();
    const result = await signInWithIdentity(db, identity);
    if (!result.ok) {
      const user = result.reason === "not_invited" ? undefined : { id: result.userId, email: result.email };
      const detail = `subject ${identity.subject} at ${identity.issuer}${identity.email ? ` (${identity.email}${identity.emailVerified ? "" : ", unverified"})` : ""}`;
      const refusal: SsoRefusal = result.reason === "not_invited" || result.reason === "no_tenant" ? "not_invited" : "failed";
      return refused(request, { reason: result.reason, refusal, detail, ...(user ? { user } : {}) }, cleared);
    }

    const { userId, membership } = result;
    const { token } = await openSignedInSession(db, request, result, { method: "oidc" });
    log.info("signed in", { tenant: membership.tenantId, user: userId, method: "oidc", linked: result.linkedNow });
    return signedInPage(flow.next, [sessionCookie(token, { secure }), cleared]);
  });
}

async function refused(request: Request, refusal: Refused, cleared: string): Promise<Response> {
  countFailedAttempt(request);
  await refuse(request, refusal);
  log.warn("OpenID Connect sign-in refused", { reason: refusal.reason, detail: refusal.detail, user: refusal.user?.id });
  return refusedRedirect(refusal.refusal, [cleared]);
}

/** A denied `session.sign_in`: in the user's first tenant's log when the person is known, else `default`'s. */
async function refuse(request: Request, refusal: Refused): Promise<void> {
  const db = requireDb();
  const tenantId = refusal.user ? ((await membershipsOf(db, refusal.user.id))[0]?.tenantId ?? DEFAULT_TENANT_ID) : DEFAULT_TENANT_ID;
  const context = accessContextOf(request, null);
  await recordRefusal(db, {
    tenantId,
    action: "session.sign_in",
    outcome: "denied",
    ...context,
    actor: refusal.user ? { kind: "user", keyId: refusal.user.id, label: refusal.user.email } : { kind: "anonymous", keyId: null, label: null },
    details: { reason: refusal.reason, method: "oidc" },
  });
}
