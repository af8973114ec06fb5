import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { SIGN_IN_LIMIT, signInLimiter } from "@/lib/auth/attempts";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-info";
import { testBackends } from "@/lib/db/testing/backends";
import { apiRequest, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { POST as signIn } from "@/app/api/v1/session/route";
import type { TestDatabase } from "@/lib/db/testing/backends";

// Guessing keys through the sign-in form: failures are limited per client address, in bounded
// memory, and the limit holds for the right key too once spent.

const [backend] = testBackends();
const attempt = (apiKey: string, address: string) =>
  signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey }, headers: { [CLIENT_ADDRESS_HEADER]: address } }));

describe("sign-in under brute force", () => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let key: string;

  beforeAll(async () => {
    handle = await backend!.open();
    server = await wireServerRuntime(handle.database);
    key = (await createApiKey(handle.database.kysely, "acme", "reader", ["read"])).key;
    await server.restartCollector();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("refuses an address after its burst of failures with 429 and Retry-After, the right key included; other addresses go on", async () => {
    for (let i = 0; i < SIGN_IN_LIMIT.burst; i++) expect((await attempt(`cok_guess${i}guessguessguess`, "203.0.113.7")).status).toBe(401);
    const limited = await attempt("cok_oneguessmoreguessguess", "203.0.113.7");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("too_many_attempts");
    const rightKey = await attempt(key, "203.0.113.7");
    expect(rightKey.status).toBe(429);
    expect(rightKey.headers.get("set-cookie")).toBeNull();
    expect((await attempt(key, "198.51.100.1")).status).toBe(200);
    // Rotating addresses inside one IPv6 /64 buys nothing.
    for (let i = 0; i < SIGN_IN_LIMIT.burst; i++) await attempt("cok_v6guessguessguessguess", `2001:db8:7:7::${i + 1}`);
    expect((await attempt(key, "2001:db8:7:7::ffff")).status).toBe(429);
  });

  it("keeps its memory bounded under a flood of addresses, and answers each refusal fast", async () => {
    const limiter = signInLimiter();
    const started = performance.now();
    const flood = 30_000;
    for (let i = 0; i < flood; i++) limiter.fail(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(limiter.size).toBeLessThanOrEqual(SIGN_IN_LIMIT.maxClients);
    expect(performance.now() - started).toBeLessThan(2000);

    const timed = performance.now();
    for (let i = 0; i < 200; i++) await attempt("cok_floodfloodfloodflood", "203.0.113.99");
    // 200 refused attempts (10 checked against the database, 190 refused before it) in well under a second each.
    expect((performance.now() - timed) / 200).toBeLessThan(100);
  });
});
