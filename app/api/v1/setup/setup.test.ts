import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSetupToken } from "@/lib/auth/setup-token";
import { forgetAttempts } from "@/lib/auth/attempts";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { GET as getRuns } from "@/app/api/v1/runs/route";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { GET as getSession } from "@/app/api/v1/session/route";
import { apiRequest, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { POST as setUp } from "@/app/api/v1/setup/route";

// The first owner from the setup token: once, and only while no key and no user exists.

const owner = { email: "First@Example.com", password: "a long first password", tenantId: "acme" };

describe.each(testBackends())("the first owner from the setup token on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let token: string;
  const post = (body: unknown, setupToken?: string) => setUp(apiRequest("/api/v1/setup", { method: "POST", body, ...(setupToken ? { key: setupToken } : {}) }));

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    token = issueSetupToken();
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("refuses without the token, with a wrong one, and a short password, creating nobody", async () => {
    expect((await post(owner)).status).toBe(401);
    expect((await post(owner, "cst_wrongwrongwrongwrongwrongwrong")).status).toBe(401);
    const short = await post({ ...owner, password: "short" }, token);
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { message: string } }).error.message).toContain("at least 12");
    expect(await handle.database.kysely.selectFrom("users").select("id").execute()).toEqual([]);
  });

  it("creates the owner, signs the browser in, spends the token, and logs it", async () => {
    forgetAttempts();
    const response = await post(owner, token);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ tenantId: "acme", scopes: ["read", "admin"], user: { email: "first@example.com", role: "owner" } });
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    expect((await getRuns(apiRequest("/api/v1/runs", { cookie }))).status).toBe(200);
    expect(await (await getSession(apiRequest("/api/v1/session", { cookie }))).json()).toMatchObject({ keyMode: "keys", tenants: [{ tenantId: "acme", role: "owner" }] });
    // Anonymous reads now need a credential.
    expect((await getRuns(apiRequest("/api/v1/runs"))).status).toBe(401);

    expect((await post({ ...owner, email: "second@example.com" }, token)).status).toBe(401);
    // The token is spent for keys too.
    expect((await createKey(apiRequest("/api/v1/api-keys", { method: "POST", key: token, body: { name: "late" } }))).status).toBe(401);
    const log = await handle.database.kysely.selectFrom("access_log").select(["action", "actor_label", "details"]).where("tenant_id", "=", "acme").execute();
    expect(log).toEqual([{ action: "member.join", actor_label: "setup-token", details: { role: "owner", email: "first@example.com", via: "setup-token" } }]);
  });
});
