import { describe, expect, it } from "vitest";
import { CLIENT_PROTO_HEADER, clientInfoOf, publicOrigin } from "@/lib/http/client-info";

const info = (remoteAddress: string, headers: Record<string, string> = {}, trustProxy = false, encrypted = false) =>
  clientInfoOf({ remoteAddress, encrypted, headers, trustProxy });

describe("clientInfoOf", () => {
  it("without TRUST_PROXY: the socket's address and TLS; forwarding headers count for nothing", () => {
    expect(info("::ffff:10.1.2.3")).toEqual({ address: "10.1.2.3", secure: false, local: false });
    expect(info("10.1.2.3", { "x-forwarded-for": "1.1.1.1", "x-forwarded-proto": "https" })).toEqual({ address: "10.1.2.3", secure: false, local: false });
    expect(info("10.1.2.3", {}, false, true).secure).toBe(true);
  });

  it("counts a loopback peer as this machine unless it forwards for someone (a local proxy)", () => {
    expect(info("127.0.0.1").local).toBe(true);
    expect(info("::1").local).toBe(true);
    expect(info("127.0.0.1", { "x-forwarded-for": "203.0.113.9" }).local).toBe(false);
    expect(info("127.0.0.1", { forwarded: "for=203.0.113.9" }).local).toBe(false);
  });

  it("with TRUST_PROXY: the hop the proxy appended, and its scheme", () => {
    const proxied = info("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-forwarded-proto": "https, http" }, true);
    expect(proxied).toEqual({ address: "203.0.113.9", secure: true, local: false });
    expect(info("127.0.0.1", { "x-forwarded-for": "not-an-address" }, true)).toEqual({ address: "127.0.0.1", secure: false, local: true });
    expect(info("127.0.0.1", { "x-forwarded-for": "127.0.0.1" }, true).local).toBe(true);
  });
});

describe("publicOrigin", () => {
  it("is the scheme the edge saw and the host the browser addressed", () => {
    expect(publicOrigin(new Request("http://127.0.0.1:3000/x", { headers: { host: "obs.example.com:8443", [CLIENT_PROTO_HEADER]: "https" } }))).toBe("https://obs.example.com:8443");
    expect(publicOrigin(new Request("http://127.0.0.1:3000/x"))).toBe("http://127.0.0.1:3000");
  });
});
