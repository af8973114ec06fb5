import { checkAttemptBudget, countFailedAttempt } from "@/lib/auth/attempts";
import { safeNextPath } from "@/lib/auth/next-path";
import { flowCookie, sealFlow } from "@/lib/auth/oidc/flow-cookie";
import { authorizationRequest } from "@/lib/auth/oidc/provider";
import { refusedRedirect } from "@/lib/auth/oidc/responses";
import { OIDC_CALLBACK_PATH, oidcSettings } from "@/lib/auth/oidc/settings";
import { isSecureRequest, publicOrigin } from "@/lib/http/client-info";
import { handleApi, NotFoundError } from "@/lib/http/handler";
import { isCrossSiteNavigation } from "@/lib/http/same-origin";
import { createLogger } from "@/lib/runtime/log";
import { requireDb } from "@/lib/runtime/registry";
import { invitationByToken } from "@/lib/users/invitations";

export const dynamic = "force-dynamic";

const log = createLogger("auth");

/**
 * The pending invitation `?invitation=<token>` names (its id goes in the flow, the token nowhere
 * further), or the refusal to answer with. Only from this dashboard's invite page: another site
 * must not walk a browser signed in at the provider into a tenant it never chose.
 */
async function invitationToAccept(request: Request, token: string): Promise<{ id: string } | { refused: Response }> {
  if (isCrossSiteNavigation(request)) {
    log.warn("OpenID Connect invitation refused", { reason: "cross_site" });
    return { refused: refusedRedirect("failed") };
  }
  try {
    checkAttemptBudget(request);
  } catch {
    log.warn("OpenID Connect invitation refused", { reason: "rate_limited" });
    return { refused: refusedRedirect("failed") };
  }
  const invitation = await invitationByToken(requireDb(), token);
  if (!invitation) {
    countFailedAttempt(request);
    log.info("OpenID Connect invitation refused", { reason: "invalid_token" });
    return { refused: refusedRedirect("invitation_invalid") };
  }
  if (invitation.state !== "pending") {
    log.info("OpenID Connect invitation refused", { reason: invitation.state, invitation: invitation.id });
    return { refused: refusedRedirect(`invitation_${invitation.state}`) };
  }
  return { id: invitation.id };
}

/**
 * Starts an OpenID Connect sign-in: redirects the browser to the provider with a fresh state,
 * nonce and PKCE challenge, which a sealed short-lived cookie keeps for the callback (lib/auth/oidc),
 * with the invitation the sign-in accepts, if any.
 */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async (url) => {
    const settings = oidcSettings();
    if (!settings) throw new NotFoundError("Single sign-on is not configured on this server (OIDC_ISSUER)");
    const next = safeNextPath(url.searchParams.get("next"));
    const token = url.searchParams.get("invitation");
    let invitationId: string | undefined;
    if (token !== null) {
      const found = await invitationToAccept(request, token);
      if ("refused" in found) return found.refused;
      invitationId = found.id;
    }
    const redirectUri = settings.redirectUrl ?? `${publicOrigin(request)}${OIDC_CALLBACK_PATH}`;
    let started: Awaited<ReturnType<typeof authorizationRequest>>;
    try {
      started = await authorizationRequest(settings, redirectUri, next, invitationId);
    } catch (error) {
      log.warn("OpenID Connect provider unavailable", { issuer: settings.issuer, error: error instanceof Error ? error.message : String(error) });
      return refusedRedirect("failed");
    }
    return new Response(null, {
      status: 302,
      headers: { location: started.url.href, "set-cookie": flowCookie(sealFlow(started.flow, settings.clientSecret), { secure: isSecureRequest(request) }), "cache-control": "no-store" },
    });
  });
}
