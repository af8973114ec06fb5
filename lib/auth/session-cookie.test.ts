import { describe, expect, it } from "vitest";
import { clearedSessionCookie, isSecureRequest, SESSION_MAX_AGE_SECONDS, sessionCookie, sessionKeyFromCookieHeader } from "@/lib/auth/session-cookie";

const KEY = "cok_AbCdEf0123456789_-AbCdEf0123456789ab";

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Strict and site-wide, Secure only over https", () => {
    expect(sessionCookie(KEY, { secure: false })).toBe(`codon_session=${KEY}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MAX_AGE_SECONDS}`);
    expect(sessionCookie(KEY, { secure: true })).toBe(`codon_session=${KEY}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MAX_AGE_SECONDS}; Secure`);
  });

  it("clears with the same attributes and no value", () => {
    expect(clearedSessionCookie({ secure: false })).toBe("codon_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  });

  it("refuses a value that could break the header", () => {
    expect(() => sessionCookie("cok_x; Domain=evil.com", { secure: false })).toThrow();
    expect(() => sessionCookie("", { secure: false })).toThrow();
  });

  it("is read back from a Cookie header among others", () => {
    expect(sessionKeyFromCookieHeader(`theme=dark; codon_session=${KEY}; other=1`)).toBe(KEY);
    expect(sessionKeyFromCookieHeader(`codon_session=${KEY}`)).toBe(KEY);
    expect(sessionKeyFromCookieHeader("codon_session=; theme=dark")).toBeNull();
    expect(sessionKeyFromCookieHeader("codon_session=a%20b")).toBeNull();
    expect(sessionKeyFromCookieHeader("xcodon_session=abc")).toBeNull();
    expect(sessionKeyFromCookieHeader(null)).toBeNull();
  });
});

describe("isSecureRequest", () => {
  it("follows the request's scheme, or the proxy's X-Forwarded-Proto", () => {
    expect(isSecureRequest(new Request("http://localhost:3000/api/v1/session"))).toBe(false);
    expect(isSecureRequest(new Request("https://observatory.example/api/v1/session"))).toBe(true);
    expect(isSecureRequest(new Request("http://localhost:3000/", { headers: { "x-forwarded-proto": "https" } }))).toBe(true);
    expect(isSecureRequest(new Request("http://localhost:3000/", { headers: { "x-forwarded-proto": "http, https" } }))).toBe(false);
  });
});
