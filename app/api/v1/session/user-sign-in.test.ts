import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetRefusals } from "@/lib/access-log/refusals";
import { forgetAttempts } from "@/lib/auth/attempts";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { addMembership, createUser, disableUser, LOCK_AFTER_FAILURES } from "@/lib/users/users";
import { GET as getRuns } from "@/app/api/v1/runs/route";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { POST as postScores } from "@/app/api/v1/runs/[runId]/scores/route";
import { apiRequest, params, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { DELETE as signOut, GET as getSession, POST as signIn, PUT as switchTenant } from "@/app/api/v1/session/route";

// People signing in with an email and password, through the real route handlers and a real
// collector: roles become scopes, viewers cannot score, accounts lock, sessions switch tenants,
// and each step is in the access log once.

const PASSWORD = "correct horse battery";
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

describe.each(testBackends())("users signing in on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const runId = `users-run-${backend.name}`;
  const db = () => handle.database.kysely;
  const signInAs = (email: string, password: string, tenantId?: string) =>
    signIn(apiRequest("/api/v1/session", { method: "POST", body: { email, password, ...(tenantId ? { tenantId } : {}) } }));
  const accessLog = (tenantId: string) =>
    db().selectFrom("access_log").select(["action", "outcome", "actor_kind", "actor_label", "details"]).where("tenant_id", "=", tenantId).orderBy("seq").execute();

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    await sendRun(server.collector(), runId);
    await createUser(db(), { email: "Owner@Example.com", password: PASSWORD, tenantId: "default", role: "owner" });
    await createUser(db(), { email: "viewer@example.com", password: PASSWORD, tenantId: "default", role: "viewer" });
    // The first user turns keys on: a fresh authenticator must not keep "open" cached.
    await server.restartCollector();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("a user makes the server require credentials, as a key does", async () => {
    expect((await getRuns(apiRequest("/api/v1/runs"))).status).toBe(401);
    const state = await (await getSession(apiRequest("/api/v1/session"))).json();
    expect(state).toMatchObject({ keyMode: "keys", signedIn: false, user: null, tenants: [] });
  });

  it("refuses a wrong password and an unknown email with the same answer, and logs both", async () => {
    forgetAttempts();
    const wrong = await signInAs("owner@example.com", "not the password at all");
    const unknown = await signInAs("nobody@example.com", PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const log = await accessLog("default");
    expect(log.filter((e) => e.outcome === "denied").map((e) => [e.actor_kind, e.actor_label])).toEqual([
      ["user", "owner@example.com"],
      ["anonymous", null],
    ]);
  });

  it("signs an owner in (email in any case): the session reads the tenant and manages keys", async () => {
    forgetAttempts();
    const response = await signInAs("  OWNER@example.com ", PASSWORD);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tenantId: "default",
      scopes: ["read", "admin"],
      user: { id: expect.any(String), email: "owner@example.com", role: "owner", seesContent: true },
    });
    const cookie = cookieOf(response);
    const runs = (await (await getRuns(apiRequest("/api/v1/runs", { cookie }))).json()) as { runs: { runId: string }[] };
    expect(runs.runs.map((run) => run.runId)).toEqual([runId]);
    expect((await listKeys(apiRequest("/api/v1/api-keys", { cookie }))).status).toBe(200);
    const key = await createKey(apiRequest("/api/v1/api-keys", { method: "POST", cookie, body: { name: "exporter" } }));
    expect(key.status).toBe(201);
    const state = await (await getSession(apiRequest("/api/v1/session", { cookie }))).json();
    expect(state).toMatchObject({ signedIn: true, tenantId: "default", user: { email: "owner@example.com", role: "owner" }, tenants: [{ tenantId: "default", role: "owner" }] });
    const log = await accessLog("default");
    expect(log.filter((e) => e.action === "session.sign_in" && e.outcome === "ok").map((e) => [e.actor_kind, e.actor_label])).toEqual([["user", "owner@example.com"]]);
    expect(log.filter((e) => e.action === "api_key.create").map((e) => [e.actor_kind, e.actor_label])).toEqual([["user", "owner@example.com"]]);
  });

  it("a viewer reads but cannot score, manage keys or see an admin route", async () => {
    forgetAttempts();
    const response = await signInAs("viewer@example.com", PASSWORD);
    expect(response.status).toBe(200);
    const cookie = cookieOf(response);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie }))).status).toBe(200);
    const score = await postScores(apiRequest(`/api/v1/runs/${runId}/scores`, { method: "POST", cookie, body: { name: "quality", value: 1 } }), params({ runId }));
    expect(score.status).toBe(403);
    expect(((await score.json()) as { error: { message: string } }).error.message).toContain("Viewers cannot");
    expect((await listKeys(apiRequest("/api/v1/api-keys", { cookie }))).status).toBe(403);
  });

  it("locks an account after repeated wrong passwords, even against the right one, and logs the lock once", async () => {
    await createUser(db(), { email: "locked@example.com", password: PASSWORD, tenantId: "default", role: "member" });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      forgetAttempts(); // the per-address budget is another guard; this checks the account's
      expect((await signInAs("locked@example.com", `wrong password ${i}`)).status).toBe(401);
    }
    forgetAttempts();
    const locked = await signInAs("locked@example.com", PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(60);
    const log = await accessLog("default");
    expect(log.filter((e) => e.action === "user.locked").map((e) => e.actor_label)).toEqual(["locked@example.com"]);
  });

  it("switches a user's session between tenants they belong to, with the role held in each", async () => {
    await addMembership(db(), "owner@example.com", "acme", "viewer");
    await db().updateTable("tenants").set({ viewers_see_content: false }).where("id", "=", "acme").execute();
    forgetAttempts();
    const cookie = cookieOf(await signInAs("owner@example.com", PASSWORD));
    const moved = await switchTenant(apiRequest("/api/v1/session", { method: "PUT", cookie, body: { tenantId: "acme" } }));
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ tenantId: "acme", scopes: ["read"], user: { role: "viewer", seesContent: false } });
    // The same cookie now reads acme, which has no runs.
    const runs = (await (await getRuns(apiRequest("/api/v1/runs", { cookie }))).json()) as { runs: unknown[] };
    expect(runs.runs).toEqual([]);
    forgetRefusals();
    const elsewhere = await switchTenant(apiRequest("/api/v1/session", { method: "PUT", cookie, body: { tenantId: "other" } }));
    expect(elsewhere.status).toBe(403);
    // The refused switch is recorded where the session acts, as a refusal for lack of membership.
    expect((await accessLog("acme")).map((e) => [e.action, e.outcome])).toEqual([["session.switch_tenant", "ok"], ["request.denied", "denied"]]);
  });

  it("signing in straight into a tenant, signing out, and a disabled user", async () => {
    forgetAttempts();
    const response = await signInAs("owner@example.com", PASSWORD, "acme");
    expect(await response.clone().json()).toMatchObject({ tenantId: "acme", user: { role: "viewer" } });
    const cookie = cookieOf(response);
    expect((await signOut(apiRequest("/api/v1/session", { method: "DELETE", cookie }))).status).toBe(204);
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie }))).status).toBe(401);
    const out = (await accessLog("acme")).filter((e) => e.action === "session.sign_out");
    expect(out.map((e) => [e.actor_kind, e.actor_label])).toEqual([["user", "owner@example.com"]]);

    const viewerCookie = cookieOf(await signInAs("viewer@example.com", PASSWORD));
    expect(await disableUser(db(), "viewer@example.com")).toBe(true);
    await server.restartCollector();
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie: viewerCookie }))).status).toBe(401);
    forgetAttempts();
    expect((await signInAs("viewer@example.com", PASSWORD)).status).toBe(401);
  });

  it("validates the body: either a key or an email and password", async () => {
    forgetAttempts();
    for (const body of [{}, { apiKey: "cok_x", email: "a@b.c", password: PASSWORD }, { email: "owner@example.com" }, { apiKey: "cok_x", tenantId: "acme" }]) {
      const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body }));
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const huge = await signInAs("owner@example.com", "x".repeat(5000));
    expect(huge.status).toBe(413);
  });
});
