import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { GET as getRuns } from "@/app/api/v1/runs/route";
import { GET as getRun } from "@/app/api/v1/runs/[runId]/route";
import { GET as getWorkloads } from "@/app/api/v1/workloads/route";
import { apiRequest, params, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { DELETE as signOut, GET as getSession, POST as signIn } from "@/app/api/v1/session/route";

// Reads through the real route handlers, with the database and a real collector wired as
// server.ts does; runs arrive through the SDK's OTLP exporter.

const runIds = async (response: Response) => ((await response.json()) as { runs: { runId: string }[] }).runs.map((run) => run.runId);

describe.each(testBackends())("reads and the dashboard session with API keys on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let key: string;
  const defaultRun = `auth-default-${backend.name}`;
  const acmeRun = `auth-acme-${backend.name}`;

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("without any key, reads need none and serve the default tenant", async () => {
    await sendRun(server.collector(), defaultRun);
    const response = await getRuns(apiRequest("/api/v1/runs"));
    expect(response.status).toBe(200);
    expect(await runIds(response)).toEqual([defaultRun]);
    // A key sent anyway changes nothing while keys are off.
    expect((await getRuns(apiRequest("/api/v1/runs", { key: "cok_whatever" }))).status).toBe(200);

    expect(await (await getSession(apiRequest("/api/v1/session"))).json()).toEqual({ keysRequired: false, signedIn: false, tenantId: "default" });
    const signedIn = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "cok_anything" } }));
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ tenantId: "default" });
    expect(signedIn.headers.get("set-cookie")).toBeNull();
  });

  it("once a key exists, a read without a valid key is 401 and a keyed read sees only its tenant", async () => {
    key = (await createApiKey(handle.database.kysely, "acme", "session test")).key;
    // A fresh collector: the old one's authenticator may cache "no keys yet" for 5 s.
    await server.restartCollector();
    await sendRun(server.collector(), acmeRun, key);

    const anonymous = await getRuns(apiRequest("/api/v1/runs"));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect(await anonymous.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("API key is required") } });

    const wrong = await getRuns(apiRequest("/api/v1/runs", { key: "cok_wrongwrongwrong" }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe("Bearer");
    expect((await wrong.json()).error).toEqual({ code: "unauthenticated", message: "Unknown or revoked API key" });

    const bearer = await getRuns(apiRequest("/api/v1/runs", { key }));
    expect(bearer.status).toBe(200);
    expect(await runIds(bearer)).toEqual([acmeRun]);
    const header = await getRuns(apiRequest("/api/v1/runs", { headers: { "x-codon-api-key": key } }));
    expect(await runIds(header)).toEqual([acmeRun]);

    // The default tenant's run is not the key's.
    expect((await getRun(apiRequest(`/api/v1/runs/${defaultRun}`, { key }), params({ runId: defaultRun }))).status).toBe(404);
    expect((await getRun(apiRequest(`/api/v1/runs/${acmeRun}`, { key }), params({ runId: acmeRun }))).status).toBe(200);
    expect((await getWorkloads(apiRequest("/api/v1/workloads"))).status).toBe(401);
  });

  it("signing in sets an HttpOnly, SameSite=Strict cookie that reads like the header", async () => {
    const wrong = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "cok_wrongwrongwrong" } }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe("Bearer");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: ` ${key} ` } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tenantId: "acme" });
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(new RegExp(`^codon_session=${key}; `));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");
    const overHttps = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: key }, headers: { "x-forwarded-proto": "https" } }));
    expect(overHttps.headers.get("set-cookie")).toContain("; Secure");

    const cookie = setCookie.split(";")[0]!;
    const read = await getRuns(apiRequest("/api/v1/runs", { cookie: `theme=dark; ${cookie}` }));
    expect(read.status).toBe(200);
    expect(await runIds(read)).toEqual([acmeRun]);
    expect(await (await getSession(apiRequest("/api/v1/session", { cookie }))).json()).toEqual({ keysRequired: true, signedIn: true, tenantId: "acme" });
    const stale = await getSession(apiRequest("/api/v1/session", { cookie: "codon_session=cok_revokedorwrong" }));
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual({ keysRequired: true, signedIn: false, tenantId: null });
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: "codon_session=cok_revokedorwrong" }))).status).toBe(401);

    const out = await signOut(apiRequest("/api/v1/session", { method: "DELETE", cookie }));
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^codon_session=; .*Max-Age=0/);
  });

  it("the sign-in body is validated and bounded", async () => {
    const notJson = await signIn(apiRequest("/api/v1/session", { method: "POST", body: "{" }));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("invalid_body");
    const empty = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "  " } }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toBe("apiKey: enter an API key");
    const tooLarge = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "x".repeat(5000) } }));
    expect(tooLarge.status).toBe(413);
  });
});
