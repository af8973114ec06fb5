import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { ApiKeyCreated, ApiKeyView } from "@/lib/openapi/wire-types";
import { apiRequest, params, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { DELETE as revoke } from "@/app/api/v1/api-keys/[id]/route";
import { GET as list, POST as create } from "@/app/api/v1/api-keys/route";

type KeyView = ApiKeyView;
type Created = ApiKeyCreated;

const listKeys = async (query: string, key?: string) => {
  const response = await list(apiRequest(`/api/v1/api-keys${query}`, key ? { key } : {}));
  return { status: response.status, body: (await response.json()) as { keys: KeyView[]; nextCursor: string | null; error?: { code: string } } };
};
const createKey = (body: unknown, key?: string) => create(apiRequest("/api/v1/api-keys", { method: "POST", body, ...(key ? { key } : {}) }));
const revokeKey = (id: string, key?: string) => revoke(apiRequest(`/api/v1/api-keys/${id}`, { method: "DELETE", ...(key ? { key } : {}) }), params({ id }));

describe.each(testBackends())("API keys over the API on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let first: Created;
  let second: Created;
  let otherTenantKeyId: string;

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("before any key exists, anyone may create the first one, for any valid tenant", async () => {
    expect(await listKeys("")).toEqual({ status: 200, body: { keys: [], nextCursor: null } });
    const invalid = await createKey({ tenantId: "Not A Tenant" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "invalid_body", message: expect.stringMatching(/^tenantId: use 1-63 lowercase/) });
    expect((await createKey({ tenantId: "acme", extra: 1 })).status).toBe(400);

    const response = await createKey({ tenantId: "acme", name: " first key " });
    expect(response.status).toBe(201);
    first = (await response.json()) as Created;
    expect(first).toMatchObject({ tenantId: "acme", name: "first key" });
    expect(first.key.startsWith(first.prefix)).toBe(true);
    expect(first.key).toMatch(/^cok_[A-Za-z0-9_-]{32}$/);
  });

  it("after that, only a caller with a valid key manages keys, even while the collector's cache still says there are none", async () => {
    // The collector's authenticator answered "no keys" a moment ago and caches it for 5 s; key
    // management checks the database itself.
    const anonymous = await createKey({ tenantId: "mallory" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect(await anonymous.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("API key is required") } });
    expect((await listKeys("")).status).toBe(401);
    expect((await createKey({}, "cok_wrongwrongwrong")).status).toBe(401);

    const forbidden = await createKey({ tenantId: "other" }, first.key);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toEqual({ code: "forbidden", message: 'Your key belongs to tenant "acme"; it cannot create keys for tenant "other"' });

    const ownTenant = await createKey({ name: "second" }, first.key);
    expect(ownTenant.status).toBe(201);
    second = (await ownTenant.json()) as Created;
    expect(second).toMatchObject({ tenantId: "acme", name: "second" });
    expect((await createKey({ tenantId: "acme" }, first.key)).status).toBe(201);
  });

  it("lists the caller's tenant's keys only, newest first, a page at a time", async () => {
    otherTenantKeyId = (await createApiKey(handle.database.kysely, "other", "not yours")).id;
    const all = await listKeys("", first.key);
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.keys.map((k) => k.name)).toEqual([null, "second", "first key"]);
    expect(all.body.keys.every((k) => k.tenantId === "acme")).toBe(true);
    expect(all.body.keys[2]).toEqual({
      id: first.id,
      tenantId: "acme",
      name: "first key",
      prefix: first.prefix,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(all.body)).not.toContain(first.key);

    const page1 = await listKeys("?limit=2", first.key);
    expect(page1.body.keys.map((k) => k.id)).toEqual(all.body.keys.slice(0, 2).map((k) => k.id));
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await listKeys(`?limit=2&cursor=${page1.body.nextCursor}`, first.key);
    expect(page2.body).toEqual({ keys: [all.body.keys[2]], nextCursor: null });

    expect((await listKeys("?limit=0", first.key)).status).toBe(400);
    expect((await listKeys("?limit=201", first.key)).status).toBe(400);
    const badCursor = await listKeys("?cursor=bm90LWEtY3Vyc29y", first.key);
    expect(badCursor).toMatchObject({ status: 400, body: { error: { code: "invalid_parameter" } } });
  });

  it("revokes one of the caller's tenant's keys; another tenant's key is not found", async () => {
    expect((await revokeKey(otherTenantKeyId, first.key)).status).toBe(404);
    expect((await revokeKey("not-an-id", first.key)).status).toBe(404);
    expect((await revokeKey("99999999", first.key)).status).toBe(404);
    expect((await revokeKey(second.id)).status).toBe(401);

    expect((await revokeKey(second.id, first.key)).status).toBe(204);
    const revoked = (await listKeys("", first.key)).body.keys.find((k) => k.id === second.id);
    expect(revoked?.revokedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    // Again: still 204, and the first revocation time stays.
    expect((await revokeKey(second.id, first.key)).status).toBe(204);
    expect((await listKeys("", first.key)).body.keys.find((k) => k.id === second.id)?.revokedAt).toBe(revoked?.revokedAt);

    // Key management checks keys in the database: the revoked key no longer manages anything.
    expect((await createKey({}, second.key)).status).toBe(401);
    const otherKeys = await handle.database.kysely.selectFrom("api_keys").select("revoked_at").where("tenant_id", "=", "other").execute();
    expect(otherKeys).toEqual([{ revoked_at: null }]);
  });
});
