import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowedHosts } from "@/lib/http/allowed-hosts";
import { guardRequest, type WebGuardOptions } from "@/lib/http/web-guard";

// The edge in front of Next, on a real listener: what reaches the app and what the client gets.

let server: http.Server;
let base: string;
let options: WebGuardOptions;

/** A raw request with any Host (fetch will not send a chosen one). */
function send(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  options = { allowedHosts: allowedHosts(["observatory.example"]), trustProxy: false, dev: false };
  server = http.createServer((req, res) => {
    if (!guardRequest(req, res, options)) return;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the web guard", () => {
  it("refuses a Host it does not answer to with 421, in JSON for the API and text for pages", async () => {
    const api = await send("/api/v1/runs", { host: "rebind.attacker.example:3000" });
    expect(api.status).toBe(421);
    expect(JSON.parse(api.body)).toEqual({
      error: { code: "misdirected_request", message: expect.stringContaining('host name "rebind.attacker.example:3000" (a guard against DNS rebinding)') },
    });
    expect(api.body).toContain("ALLOWED_HOSTS");
    const page = await send("/", { host: "rebind.attacker.example" });
    expect(page.status).toBe(421);
    expect(page.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers loopback names and ALLOWED_HOSTS", async () => {
    for (const host of ["localhost:3000", "127.0.0.1", "[::1]:3000", "observatory.example"]) expect((await send("/api/v1/runs", { host })).status).toBe(200);
  });

  it("tells the app who the client is, and drops what a client claims about that itself", async () => {
    const seen = JSON.parse(
      (
        await send("/api/v1/runs", {
          host: "localhost",
          "x-codon-client-address": "8.8.8.8",
          "x-codon-client-local": "1",
          "x-codon-client-proto": "https",
          "x-forwarded-for": "8.8.4.4",
          "x-forwarded-proto": "https",
          "content-security-policy": "script-src 'nonce-attacker'",
        })
      ).body,
    ) as Record<string, string | undefined>;
    expect(seen["x-codon-client-address"]).toBe("127.0.0.1");
    expect(seen["x-codon-client-proto"]).toBe("http");
    // A loopback peer that says it forwards for others is not this machine.
    expect(seen["x-codon-client-local"]).toBeUndefined();
    expect(seen["x-forwarded-for"]).toBeUndefined();
    expect(seen["x-forwarded-proto"]).toBeUndefined();
    expect(seen["content-security-policy"]).toBeUndefined();

    const local = JSON.parse((await send("/api/health", { host: "localhost" })).body) as Record<string, string | undefined>;
    expect(local["x-codon-client-local"]).toBe("1");
  });

  it("gives pages a fresh nonce, the same in the response's policy and the request Next renders from", async () => {
    const first = await send("/runs", { host: "localhost" });
    const second = await send("/runs", { host: "localhost" });
    const policy = first.headers["content-security-policy"] as string;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect((JSON.parse(first.body) as Record<string, string>)["content-security-policy"]).toBe(policy);
    expect(second.headers["content-security-policy"]).not.toBe(policy);
    expect(first.headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" });
    expect(policy).toContain("frame-ancestors 'none'");

    const api = await send("/api/v1/runs", { host: "localhost" });
    expect(api.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  it("with TRUST_PROXY, takes the proxy's word for the client and the scheme", async () => {
    options.trustProxy = true;
    try {
      const seen = JSON.parse((await send("/api/v1/session", { host: "observatory.example", "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" })).body) as Record<string, string>;
      expect(seen["x-codon-client-address"]).toBe("203.0.113.9");
      expect(seen["x-codon-client-proto"]).toBe("https");
      expect(seen["x-forwarded-for"]).toBe("203.0.113.9");
    } finally {
      options.trustProxy = false;
    }
  });
});
