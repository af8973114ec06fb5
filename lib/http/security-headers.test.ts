import { describe, expect, it } from "vitest";
import { API_CSP, isApiPath, newNonce, pageCsp, securityHeaders } from "@/lib/http/security-headers";

describe("security headers", () => {
  it("give pages a nonce-based script policy that Next can read back, and never a frame", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const csp = pageCsp(nonce, { dev: false });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(pageCsp(nonce, { dev: true })).toContain("'unsafe-eval'");
  });

  it("lock API answers down entirely", () => {
    expect(API_CSP).toContain("default-src 'none'");
    expect(securityHeaders(API_CSP)).toMatchObject({
      "content-security-policy": API_CSP,
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    expect(isApiPath("/api/v1/runs")).toBe(true);
    expect(isApiPath("/api")).toBe(true);
    expect(isApiPath("/api-reference")).toBe(false);
  });
});
