import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { CLIENT_PROTO_HEADER } from "@/lib/http/client-info";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { GET as getRuns } from "@/app/api/v1/runs/route";
import { GET as getRun } from "@/app/api/v1/runs/[runId]/route";
import { GET as getWorkloads } from "@/app/api/v1/workloads/route";
import { DELETE as revokeOverApi } from "@/app/api/v1/api-keys/[id]/route";
import { apiRequest, params, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { DELETE as signOut, GET as getSession, POST as signIn } from "@/app/api/v1/session/route";

// Reads through the real route handlers, with the database and a real collector wired as
// server.ts does; runs arrive through the SDK's OTLP exporter.

const runIds = async (response: Response) => ((await response.json()) as { runs: { runId: string }[] }).runs.map((run) => run.runId);
const ALL_SCOPES = ["ingest", "read", "admin"];

/** Signs in with `apiKey` and returns the cookie pair the browser would send back. */
async function signedInCookie(apiKey: string): Promise<string> {
  const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey } }));
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

describe.each(testBackends())("reads and the dashboard session with API keys on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let key: string;
  let keyId: string;
  let ingestKey: string;
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

  it("without any key on a loopback-only server, reads need none and serve the default tenant", async () => {
    await sendRun(server.collector(), defaultRun);
    const response = await getRuns(apiRequest("/api/v1/runs"));
    expect(response.status).toBe(200);
    expect(await runIds(response)).toEqual([defaultRun]);
    // A key sent anyway changes nothing while keys are off.
    expect((await getRuns(apiRequest("/api/v1/runs", { key: "cok_whatever" }))).status).toBe(200);

    expect(await (await getSession(apiRequest("/api/v1/session"))).json()).toEqual({
      keyMode: "open",
      keysRequired: false,
      signedIn: false,
      tenantId: "default",
      scopes: ALL_SCOPES,
      user: null,
      tenants: [],
    });
    const signedIn = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "cok_anything" } }));
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ tenantId: "default", scopes: ALL_SCOPES, user: null });
    expect(signedIn.headers.get("set-cookie")).toBeNull();
  });

  it("once a key exists, a read without a valid key is 401, a keyed read sees only its tenant, an ingest key may not read", async () => {
    const created = await createApiKey(handle.database.kysely, "acme", "session test", ["ingest", "read"]);
    key = created.key;
    keyId = created.id;
    ingestKey = (await createApiKey(handle.database.kysely, "acme", "exporter")).key;
    // A fresh collector: the old one's authenticator may cache "no keys yet" for 5 s.
    await server.restartCollector();
    await sendRun(server.collector(), acmeRun, ingestKey);

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

    const exporter = await getRuns(apiRequest("/api/v1/runs", { key: ingestKey }));
    expect(exporter.status).toBe(403);
    expect(exporter.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="read"');
    expect((await exporter.json()).error).toEqual({
      code: "forbidden",
      message: 'This needs an API key with the "read" scope (reading runs, workloads and costs (the dashboard and the read API)); this key has: ingest',
    });

    // The default tenant's run is not the key's.
    expect((await getRun(apiRequest(`/api/v1/runs/${defaultRun}`, { key }), params({ runId: defaultRun }))).status).toBe(404);
    expect((await getRun(apiRequest(`/api/v1/runs/${acmeRun}`, { key }), params({ runId: acmeRun }))).status).toBe(200);
    expect((await getWorkloads(apiRequest("/api/v1/workloads"))).status).toBe(401);
  });

  it("signing in sets an HttpOnly, SameSite=Strict cookie holding a session id, never the key", async () => {
    const wrong = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "cok_wrongwrongwrong" } }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe("Bearer");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const exporter = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: ingestKey } }));
    expect(exporter.status).toBe(403);
    expect(exporter.headers.get("set-cookie")).toBeNull();

    const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: ` ${key} ` } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tenantId: "acme", scopes: ["ingest", "read"], user: null });
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^codon_session=cos_[A-Za-z0-9_-]{43}; /);
    expect(setCookie).not.toContain(key);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");
    // Only its digest is stored.
    const stored = await handle.database.kysely.selectFrom("sessions").select(["id_hash", "key_id"]).execute();
    const token = setCookie.split(";")[0]!.split("=")[1]!;
    expect(stored.some((row) => row.id_hash === token)).toBe(false);
    expect(stored.map((row) => row.key_id)).toEqual([keyId]);

    // A client's own X-Forwarded-Proto means nothing (the edge drops it without TRUST_PROXY); what the edge established counts.
    const forwarded = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: key }, headers: { "x-forwarded-proto": "https" } }));
    expect(forwarded.headers.get("set-cookie")).not.toContain("Secure");
    const overHttps = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: key }, headers: { [CLIENT_PROTO_HEADER]: "https" } }));
    expect(overHttps.headers.get("set-cookie")).toContain("; Secure");

    const cookie = setCookie.split(";")[0]!;
    const read = await getRuns(apiRequest("/api/v1/runs", { cookie: `theme=dark; ${cookie}` }));
    expect(read.status).toBe(200);
    expect(await runIds(read)).toEqual([acmeRun]);
    expect(await (await getSession(apiRequest("/api/v1/session", { cookie }))).json()).toEqual({
      keyMode: "keys",
      keysRequired: true,
      signedIn: true,
      tenantId: "acme",
      scopes: ["ingest", "read"],
      user: null,
      tenants: [],
    });
    // The key itself in the cookie (as before sessions) is no session.
    const rawKey = await getSession(apiRequest("/api/v1/session", { cookie: `codon_session=${key}` }));
    expect(await rawKey.json()).toEqual({ keyMode: "keys", keysRequired: true, signedIn: false, tenantId: null, scopes: [], user: null, tenants: [] });
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: `codon_session=${key}` }))).status).toBe(401);
  });

  it("signing out ends the session on the server: the same cookie, sent again, opens nothing", async () => {
    const cookie = await signedInCookie(key);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie }))).status).toBe(200);
    const out = await signOut(apiRequest("/api/v1/session", { method: "DELETE", cookie }));
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^codon_session=; .*Max-Age=0/);
    const replayed = await getRuns(apiRequest("/api/v1/runs", { cookie }));
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).error.message).toMatch(/session has ended/);
  });

  it("revoking the key ends its sessions at once, over the API or from another process", async () => {
    const admin = await createApiKey(handle.database.kysely, "acme", "admin", ["admin"]);
    const viaApi = await signedInCookie(key);
    const other = await createApiKey(handle.database.kysely, "acme", "second reader", ["read"]);
    const viaCli = await signedInCookie(other.key);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: viaApi }))).status).toBe(200);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: viaCli }))).status).toBe(200);

    expect((await revokeOverApi(apiRequest(`/api/v1/api-keys/${keyId}`, { method: "DELETE", key: admin.key }), params({ id: keyId }))).status).toBe(204);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: viaApi }))).status).toBe(401);

    // `npm run apikey revoke` from another process tells no cache here: the session ends once the cached answer (5 s) expires; a fresh authenticator sees it at once.
    await revokeApiKey(handle.database.kysely, other.prefix);
    await server.restartCollector();
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: viaCli }))).status).toBe(401);
    const left = await handle.database.kysely.selectFrom("sessions").select("key_id").where("key_id", "in", [keyId, other.id]).execute();
    expect(left).toEqual([]);
  });

  it("the sign-in body is JSON, validated and bounded", async () => {
    const notJson = await signIn(apiRequest("/api/v1/session", { method: "POST", body: "{" }));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("invalid_body");
    const empty = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "  " } }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toBe("apiKey: enter an API key");
    const tooLarge = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: "x".repeat(5000) } }));
    expect(tooLarge.status).toBe(413);
    const form = await signIn(apiRequest("/api/v1/session", { method: "POST", body: `{"apiKey":"${key}"}`, headers: { "content-type": "text/plain;charset=UTF-8" } }));
    expect(form.status).toBe(415);
    expect(form.headers.get("set-cookie")).toBeNull();
  });
});
