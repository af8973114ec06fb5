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
});
