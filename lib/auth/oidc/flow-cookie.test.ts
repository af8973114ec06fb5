import { describe, expect, it } from "vitest";
import { clearedFlowCookie, flowCookie, flowCookieValue, FLOW_TTL_SECONDS, openFlow, sealFlow, type OidcFlow } from "@/lib/auth/oidc/flow-cookie";

const SECRET = "client secret";
const flow: OidcFlow = { state: "st", nonce: "no", codeVerifier: "ve".repeat(22), redirectUri: "http://127.0.0.1:3000/api/v1/session/oidc/callback", next: "/runs?x=1" };

describe("the OpenID Connect flow cookie", () => {
  it("opens what it sealed until it expires", () => {
    const now = 1_800_000_000_000;
    const value = sealFlow(flow, SECRET, now);
    expect(value).not.toContain(flow.codeVerifier);
    expect(openFlow(value, SECRET, now + 1000)).toEqual(flow);
    expect(openFlow(value, SECRET, now + FLOW_TTL_SECONDS * 1000)).toBeNull();
  });

  it("carries the invitation a sign-in accepts, by id", () => {
    const accepting = { ...flow, invitationId: "42" };
    expect(openFlow(sealFlow(accepting, SECRET), SECRET)).toEqual(accepting);
    expect(openFlow(sealFlow({ ...flow, invitationId: "coi_not-an-id" }, SECRET), SECRET)).toBeNull();
  });

  it("refuses a value that was altered, sealed under another secret, or is no seal at all", () => {
    const value = sealFlow(flow, SECRET);
    const flipped = Buffer.from(value, "base64url");
    flipped[20] = flipped[20]! ^ 1;
    expect(openFlow(flipped.toString("base64url"), SECRET)).toBeNull();
    expect(openFlow(value, "another secret")).toBeNull();
    for (const junk of ["", "abc", "x".repeat(60), `${value}!`]) expect(openFlow(junk, SECRET)).toBeNull();
  });

  it("is HttpOnly, SameSite=Lax (the provider's redirect back is cross-site), for the callback only, and read back from a Cookie header", () => {
    const header = flowCookie("v4lue", { secure: true });
    expect(header).toBe(`codon_oidc_flow=v4lue; Path=/api/v1/session/oidc/callback; HttpOnly; SameSite=Lax; Max-Age=${FLOW_TTL_SECONDS}; Secure`);
    expect(clearedFlowCookie({ secure: false })).toContain("Max-Age=0");
    expect(flowCookieValue("a=1; codon_oidc_flow=v4lue; codon_session=x")).toBe("v4lue");
    expect(flowCookieValue("codon_session=x")).toBeNull();
    expect(flowCookieValue(null)).toBeNull();
  });
});
