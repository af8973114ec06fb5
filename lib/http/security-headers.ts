import { randomBytes } from "node:crypto";

// Headers every dashboard and API response carries (set by the edge, lib/http/web-guard.ts).

/** A fresh script nonce per page response. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Pages: scripts only from this origin or with this response's nonce (Next puts it on its inline
 * bootstrap and data scripts when it finds it in the request's CSP header); no plugins, no
 * <base>, forms only to this origin, never framed. Styles allow 'unsafe-inline': React Flow,
 * recharts and server-rendered `style` attributes need it, and style injection cannot run code.
 * Development adds 'unsafe-eval' for Next's hot reload.
 */
export function pageCsp(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers are data, never documents: nothing may load or run from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers for a response to `path`; `csp` is the page policy (with its nonce) or API_CSP. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
}

/** `/api/...` is the API; everything else (pages, assets) gets the page policy. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}
