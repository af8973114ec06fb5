import { describe, expect, it } from "vitest";
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { SESSION_TTL_SECONDS } from "@/lib/auth/sessions";

const TOKEN = "cos_AbCdEf0123456789_-AbCdEf0123456789abcdefgh";

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Strict and site-wide, Secure only over https", () => {
    expect(sessionCookie(TOKEN, { secure: false })).toBe(`codon_session=${TOKEN}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_SECONDS}`);
    expect(sessionCookie(TOKEN, { secure: true })).toBe(`codon_session=${TOKEN}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_SECONDS}; Secure`);
  });

  it("clears with the same attributes and no value", () => {
    expect(clearedSessionCookie({ secure: false })).toBe("codon_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  });

  it("refuses a value that could break the header", () => {
    expect(() => sessionCookie("cos_x; Domain=evil.com", { secure: false })).toThrow();
    expect(() => sessionCookie("", { secure: false })).toThrow();
  });

  it("is read back from a Cookie header among others", () => {
    expect(sessionTokenFromCookieHeader(`theme=dark; codon_session=${TOKEN}; other=1`)).toBe(TOKEN);
    expect(sessionTokenFromCookieHeader(`codon_session=${TOKEN}`)).toBe(TOKEN);
    expect(sessionTokenFromCookieHeader("codon_session=; theme=dark")).toBeNull();
    expect(sessionTokenFromCookieHeader("codon_session=a%20b")).toBeNull();
    expect(sessionTokenFromCookieHeader("xcodon_session=abc")).toBeNull();
    expect(sessionTokenFromCookieHeader(null)).toBeNull();
  });
});
