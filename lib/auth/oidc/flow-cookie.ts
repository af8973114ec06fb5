import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { OIDC_CALLBACK_PATH } from "@/lib/auth/oidc/settings";

// What the callback must check an authorization response against (state, nonce, PKCE verifier),
// kept in the browser that started the sign-in rather than on the server: no table, nothing to
// clean up, and any instance of the server can finish a flow another began. Sealed with
// AES-256-GCM under a key derived from the client secret, so the browser can neither read the
// verifier nor forge or alter a flow; an expiry inside the seal bounds a replay to the TTL.

export const FLOW_COOKIE = "codon_oidc_flow";
/** Long enough to sign in at the provider (and type a password), short enough to be useless later. */
export const FLOW_TTL_SECONDS = 10 * 60;

export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect_uri sent with the authorization request; the token request must repeat it. */
  redirectUri: string;
  /** Where to go once signed in (already a safe path). */
  next: string;
  /** The invitation this sign-in accepts: its id, checked at the start against the token; never the token itself. */
  invitationId?: string;
}

const AAD = Buffer.from(`${FLOW_COOKIE}.v1`);
const IV_BYTES = 12;
const TAG_BYTES = 16;

function sealingKey(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", clientSecret, "codon-observatory", "oidc flow cookie v1", 32));
}

/** The cookie value holding `flow` until `now + FLOW_TTL_SECONDS`. */
export function sealFlow(flow: OidcFlow, clientSecret: string, now = Date.now()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(clientSecret), iv).setAAD(AAD);
  const plain = JSON.stringify({ ...flow, expiresAt: now + FLOW_TTL_SECONDS * 1000 });
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url");
}

/** The flow a cookie value holds, or null when it was altered, sealed under another secret, expired or malformed. */
export function openFlow(value: string, clientSecret: string, now = Date.now()): OidcFlow | null {
  if (!/^[A-Za-z0-9_-]{40,4096}$/.test(value)) return null;
  const raw = Buffer.from(value, "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(clientSecret), raw.subarray(0, IV_BYTES)).setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    const flow = JSON.parse(plain) as Partial<OidcFlow & { expiresAt: number }>;
    if (typeof flow.expiresAt !== "number" || flow.expiresAt <= now) return null;
    const { state, nonce, codeVerifier, redirectUri, next, invitationId } = flow;
    if (![state, nonce, codeVerifier, redirectUri, next].every((v) => typeof v === "string" && v.length > 0)) return null;
    if (invitationId !== undefined && !(typeof invitationId === "string" && /^\d{1,18}$/.test(invitationId))) return null;
    return { state: state!, nonce: nonce!, codeVerifier: codeVerifier!, redirectUri: redirectUri!, next: next!, ...(invitationId === undefined ? {} : { invitationId }) };
  } catch {
    return null;
  }
}

/**
 * HttpOnly; SameSite=Lax, because the provider's redirect back is a cross-site top-level GET
 * (Strict would not be sent with it); sent to the callback path only.
 */
function attributes(secure: boolean, maxAgeSeconds: number): string {
  return `Path=${OIDC_CALLBACK_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

export function flowCookie(value: string, options: { secure: boolean }): string {
  return `${FLOW_COOKIE}=${value}; ${attributes(options.secure, FLOW_TTL_SECONDS)}`;
}

/** Used once: the callback clears it whatever the outcome. */
export function clearedFlowCookie(options: { secure: boolean }): string {
  return `${FLOW_COOKIE}=; ${attributes(options.secure, 0)}`;
}

export function flowCookieValue(header: string | null): string | null {
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === FLOW_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
