import "server-only";
import * as oidc from "openid-client";
import type { OidcFlow } from "@/lib/auth/oidc/flow-cookie";
import type { OidcSettings } from "@/lib/auth/oidc/settings";
import type { ProviderIdentity } from "@/lib/users/identities";

// The provider, through openid-client: discovery (cached), the authorization request (code flow
// with PKCE S256, state and nonce) and the callback's checks and code exchange.

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const TIMEOUT_SECONDS = 10;
const SCOPE = "openid email";

interface Discovered {
  key: string;
  at: number;
  configuration: Promise<oidc.Configuration>;
}

// On globalThis: the start and callback routes are bundled apart and must share one discovery.
const CACHE = Symbol.for("codon-observatory.oidc-discovery");
type WithCache = typeof globalThis & { [CACHE]?: Discovered };

/** client_secret_basic (the default the spec gives) unless the provider lists only client_secret_post. */
function clientAuth(secret: string): oidc.ClientAuth {
  return (as, client, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const post = methods !== undefined && !methods.includes("client_secret_basic") && methods.includes("client_secret_post");
    (post ? oidc.ClientSecretPost(secret) : oidc.ClientSecretBasic(secret))(as, client, body, headers);
  };
}

/** The provider's configuration, discovered once an hour; a failed discovery is forgotten, so the next sign-in tries again. */
export function providerConfiguration(settings: OidcSettings, now = Date.now()): Promise<oidc.Configuration> {
  const holder = globalThis as WithCache;
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  const cached = holder[CACHE];
  if (cached && cached.key === key && now - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  // Configuration only accepts http for a loopback issuer (lib/runtime/config.ts).
  const insecure = new URL(settings.issuer).protocol === "http:";
  const configuration = oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, clientAuth(settings.clientSecret), {
    timeout: TIMEOUT_SECONDS,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  const entry: Discovered = { key, at: now, configuration };
  holder[CACHE] = entry;
  configuration.catch(() => {
    if (holder[CACHE] === entry) delete holder[CACHE];
  });
  return configuration;
}

/** Forgets the discovered configuration (tests start a new provider). */
export function forgetProviderConfiguration(): void {
  delete (globalThis as WithCache)[CACHE];
}

/** Where to send the browser, and what the callback will check the answer against (the invitation it accepts stays in the flow, never in the URL). */
export async function authorizationRequest(settings: OidcSettings, redirectUri: string, next: string, invitationId?: string): Promise<{ url: URL; flow: OidcFlow }> {
  const configuration = await providerConfiguration(settings);
  const flow: OidcFlow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    redirectUri,
    next,
    ...(invitationId === undefined ? {} : { invitationId }),
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flow };
}

function verified(value: unknown): boolean {
  // Some providers send the claim as the string "true".
  return value === true || value === "true";
}

/**
 * Checks the provider's answer (`query`: the callback's query string) against the flow (state,
 * then PKCE and nonce through the code exchange and the ID token's signature, issuer, audience
 * and expiry) and returns who signed in. The email comes from the ID token, else from userinfo.
 * Throws on any mismatch or provider error.
 */
export async function completeAuthorization(settings: OidcSettings, flow: OidcFlow, query: string): Promise<ProviderIdentity> {
  const configuration = await providerConfiguration(settings);
  // The redirect_uri as sent: the token request repeats it (openid-client takes it from this URL).
  const current = new URL(flow.redirectUri);
  current.search = query;
  const tokens = await oidc.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("the provider returned no ID token");
  let email = typeof claims.email === "string" ? claims.email : null;
  let emailVerified = verified(claims.email_verified);
  if (email === null && tokens.access_token) {
    const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email = typeof info.email === "string" ? info.email : null;
    emailVerified = verified(info.email_verified);
  }
  return { issuer: configuration.serverMetadata().issuer, subject: claims.sub, email, emailVerified };
}

/** Why a callback failed, for the server log and the access log (never shown to the user). */
export function describeOidcError(error: unknown): { reason: "provider_error" | "token_error" | "invalid_response"; detail: string } {
  if (error instanceof oidc.AuthorizationResponseError) return { reason: "provider_error", detail: `${error.error}: ${error.error_description ?? ""}` };
  if (error instanceof oidc.ResponseBodyError) return { reason: "token_error", detail: `${error.status} ${error.error}: ${error.error_description ?? ""}` };
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  // openid-client wraps what failed (a state or nonce mismatch, a bad signature) as the cause.
  const because = cause instanceof Error ? ` (${cause.message})` : "";
  return { reason: "invalid_response", detail: `${typeof code === "string" ? `${code}: ` : ""}${message}${because}` };
}
