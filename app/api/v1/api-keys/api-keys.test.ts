import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { issueSetupToken } from "@/lib/auth/setup-token";
import { testBackends } from "@/lib/db/testing/backends";
import type { ApiKeyCreated, ApiKeyView } from "@/lib/openapi/wire-types";
import { apiRequest, apiSuite, params } from "@/test-support/api-runtime";
import { DELETE as revoke } from "@/app/api/v1/api-keys/[id]/route";
import { GET as list, POST as create } from "@/app/api/v1/api-keys/route";

type KeyView = ApiKeyView;
type Created = ApiKeyCreated;

const listKeys = async (query: string, key?: string) => {
  const response = await list(apiRequest(`/api/v1/api-keys${query}`, key ? { key } : {}));
  return { status: response.status, body: (await response.json()) as { keys: KeyView[]; nextCursor: string | null; error?: { code: string; message: string } } };
};
const createKey = (body: unknown, key?: string) => create(apiRequest("/api/v1/api-keys", { method: "POST", body, ...(key ? { key } : {}) }));
const revokeKey = (id: string, key?: string) => revoke(apiRequest(`/api/v1/api-keys/${id}`, { method: "DELETE", ...(key ? { key } : {}) }), params({ id }));

describe.each(testBackends())("API keys over the API on $name", (backend) => {
  const suite = apiSuite(backend);
  let first: Created;
  let second: Created;
  let otherTenantKeyId: string;

  it("before any key exists, nobody creates one anonymously, even on an open server; the setup token creates the first, an admin key, once", async () => {
    expect(await listKeys("")).toEqual({ status: 200, body: { keys: [], nextCursor: null } });
    const anonymous = await createKey({ tenantId: "acme" });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.message).toMatch(/^No API key exists yet\. Create the first one with `npm run apikey -- create <tenant>`.*setup token/);
    expect((await createKey({ tenantId: "acme" }, "cst_notthetokennotthetoken")).status).toBe(401);

    const token = issueSetupToken();
    const invalid = await createKey({ tenantId: "Not A Tenant" }, token);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "invalid_body", message: expect.stringMatching(/^tenantId: use 1-63 lowercase/) });
    expect((await createKey({ tenantId: "acme", extra: 1 }, token)).status).toBe(400);
    expect((await createKey({ tenantId: "acme", scopes: ["everything"] }, token)).status).toBe(400);

    // Asked for ingest only: the first key gets admin anyway, or nobody could manage the rest over HTTP.
    const response = await createKey({ tenantId: "acme", name: " first key ", scopes: ["ingest"] }, token);
    expect(response.status).toBe(201);
    first = (await response.json()) as Created;
    expect(first).toMatchObject({ tenantId: "acme", name: "first key", scopes: ["ingest", "read", "admin"] });
    expect(first.key.startsWith(first.prefix)).toBe(true);
    expect(first.key).toMatch(/^cok_[A-Za-z0-9_-]{32}$/);

    const again = await createKey({ tenantId: "mallory" }, token);
    expect(again.status).toBe(401);
    expect((await again.json()).error.message).toMatch(/setup token/);
  });

  it("after that, only an admin key manages keys, checked in the database even while the cache still says there are none", async () => {
    const anonymous = await createKey({ tenantId: "mallory" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect(await anonymous.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("API key is required") } });
    expect((await listKeys("")).status).toBe(401);
    expect((await createKey({}, "cok_wrongwrongwrong")).status).toBe(401);

    const forbidden = await createKey({ tenantId: "other" }, first.key);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toEqual({ code: "forbidden", message: 'Your key belongs to tenant "acme"; it cannot create keys for tenant "other"' });

    // An exporter's key by default.
    const ownTenant = await createKey({ name: "second" }, first.key);
    expect(ownTenant.status).toBe(201);
    second = (await ownTenant.json()) as Created;
    expect(second).toMatchObject({ tenantId: "acme", name: "second", scopes: ["ingest"] });
    const reader = (await (await createKey({ tenantId: "acme", scopes: ["read"] }, first.key)).json()) as Created;
    expect(reader.scopes).toEqual(["read"]);

    // Neither an ingest nor a read key manages keys: 403 naming the scope.
    for (const key of [second.key, reader.key]) {
      const refused = await createKey({ name: "escalate", scopes: ["admin"] }, key);
      expect(refused.status).toBe(403);
      expect(refused.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="admin"');
      expect((await refused.json()).error.message).toMatch(/needs an API key with the "admin" scope/);
      expect((await listKeys("", key)).status).toBe(403);
      expect((await revokeKey(first.id, key)).status).toBe(403);
    }
  });

  it("lists the caller's tenant's keys only, with their scopes, newest first, a page at a time", async () => {
    otherTenantKeyId = (await createApiKey(suite.db(), "other", "not yours")).id;
    const all = await listKeys("", first.key);
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.keys.map((k) => [k.name, k.scopes])).toEqual([
      [null, ["read"]],
      ["second", ["ingest"]],
      ["first key", ["ingest", "read", "admin"]],
    ]);
    expect(all.body.keys.every((k) => k.tenantId === "acme")).toBe(true);
    expect(all.body.keys[2]).toEqual({
      id: first.id,
      tenantId: "acme",
      name: "first key",
      prefix: first.prefix,
      scopes: ["ingest", "read", "admin"],
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

    // Key management checks keys in the database: the revoked key no longer counts.
    expect((await createKey({}, second.key)).status).toBe(401);
    const otherKeys = await suite.db().selectFrom("api_keys").select("revoked_at").where("tenant_id", "=", "other").execute();
    expect(otherKeys).toEqual([{ revoked_at: null }]);
  });

  it("takes only JSON, and only from its own origin when a browser sends it", async () => {
    const plain = await create(
      apiRequest("/api/v1/api-keys", { method: "POST", key: first.key, body: '{"name":"x"}', headers: { "content-type": "text/plain" } }),
    );
    expect(plain.status).toBe(415);
    expect((await plain.json()).error).toEqual({ code: "unsupported_media_type", message: 'Send the body as JSON with Content-Type: application/json (got "text/plain")' });
    const crossSite = await create(apiRequest("/api/v1/api-keys", { method: "POST", key: first.key, body: {}, headers: { "sec-fetch-site": "cross-site", origin: "http://evil.example" } }));
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("cross_site_request");
    const sameOrigin = await create(apiRequest("/api/v1/api-keys", { method: "POST", key: first.key, body: {}, headers: { "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" } }));
    expect(sameOrigin.status).toBe(201);
  });
});
