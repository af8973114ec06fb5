import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { loadTenantRedaction, setRedactionRules } from "@/lib/redaction/queries";
import { RulesCache } from "@/collector/redaction/tenant-rules";

describe("RulesCache", () => {
  let handle: TestDatabase;
  let reads = 0;
  beforeAll(async () => {
    handle = await testBackends({ NODE_ENV: "test" })[0]!.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  const load = (tenantId: string) => {
    reads++;
    return loadTenantRedaction(handle.database.kysely, tenantId);
  };

  it("reads a tenant's rules once per TTL, none means null, and a change shows after the TTL", async () => {
    const db = handle.database.kysely;
    await setRedactionRules(db, "acme", [{ kind: "detector", detector: "email", action: "mask" }]);
    const cache = new RulesCache(load, { ttlMs: 60_000 });
    reads = 0;
    expect((await cache.get("acme"))?.rules.map((rule) => rule.label)).toEqual(["email"]);
    expect(await cache.get("nobody")).toBeNull();
    await setRedactionRules(db, "acme", []);
    expect((await cache.get("acme"))?.rules).toHaveLength(1);
    expect(reads).toBe(2);

    const fresh = new RulesCache(load, { ttlMs: 0 });
    expect(await fresh.get("acme")).toBeNull();
  });

  it("forgets the longest-remembered tenant past its size", async () => {
    const cache = new RulesCache(load, { ttlMs: 60_000, maxTenants: 2 });
    reads = 0;
    for (const tenant of ["a", "b", "c", "b", "c"]) await cache.get(tenant);
    expect(reads).toBe(3);
    await cache.get("a");
    expect(reads).toBe(4);
  });

  it("known: the last rules read while the database fails, and undefined while a first read hangs", async () => {
    const stored = await loadTenantRedaction(handle.database.kysely, "acme-known");
    expect(stored).toBeNull();
    await setRedactionRules(handle.database.kysely, "acme-known", [{ kind: "detector", detector: "card", action: "mask" }]);
    let failing = false;
    const flaky = new RulesCache((tenantId) => (failing ? Promise.reject(new Error("database down")) : loadTenantRedaction(handle.database.kysely, tenantId)), { ttlMs: 0 });
    expect((await flaky.known("acme-known", 1000))?.rules.map((rule) => rule.label)).toEqual(["card"]);
    failing = true;
    await expect(flaky.get("acme-known")).rejects.toThrow("database down");
    expect((await flaky.known("acme-known", 1000))?.rules.map((rule) => rule.label)).toEqual(["card"]);

    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hanging = new RulesCache(async (tenantId) => {
      await gate;
      return loadTenantRedaction(handle.database.kysely, tenantId);
    });
    // The loader never answers until released: only the 50 ms wait can end this call.
    expect(await hanging.known("acme-known", 50)).toBeUndefined();
    release();
    expect((await hanging.known("acme-known", 1000))?.rules).toHaveLength(1);
  });
});
