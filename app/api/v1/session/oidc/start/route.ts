import { safeNextPath } from "@/lib/auth/next-path";
import { flowCookie, sealFlow } from "@/lib/auth/oidc/flow-cookie";
import { authorizationRequest } from "@/lib/auth/oidc/provider";
import { refusedRedirect } from "@/lib/auth/oidc/responses";
import { OIDC_CALLBACK_PATH, oidcSettings } from "@/lib/auth/oidc/settings";
import { isSecureRequest, publicOrigin } from "@/lib/http/client-info";
import { handleApi, NotFoundError } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";

export const dynamic = "force-dynamic";

const log = createLogger("auth");

/**
 * Starts an OpenID Connect sign-in: redirects the browser to the provider with a fresh state,
 * nonce and PKCE challenge, which a sealed short-lived cookie keeps for the callback (lib/auth/oidc).
 */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async (url) => {
    const settings = oidcSettings();
    if (!settings) throw new NotFoundError("Single sign-on is not configured on this server (OIDC_ISSUER)");
    const next = safeNextPath(url.searchParams.get("next"));
    const redirectUri = settings.redirectUrl ?? `${publicOrigin(request)}${OIDC_CALLBACK_PATH}`;
    let started: Awaited<ReturnType<typeof authorizationRequest>>;
    try {
      started = await authorizationRequest(settings, redirectUri, next);
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
