import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { migrateToLatest } from "@/lib/db/migrate";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { migrations } from ".";

describe.each(testBackends())("the key scopes migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("keeps every power of the keys made before it; new keys get ingest; unknown scopes are refused", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_11_21_220000_price_overrides")).error).toBeUndefined();
    await sql`insert into tenants (id, name) values ('acme', 'acme')`.execute(db);
    await sql`insert into api_keys (tenant_id, name, key_prefix, key_hash) values ('acme', 'old exporter', 'cok_old', ${"a".repeat(64)})`.execute(db);
    await migrateToLatest(db);

    const old = await db.selectFrom("api_keys").select("scopes").where("name", "=", "old exporter").executeTakeFirstOrThrow();
    expect(old.scopes).toEqual(["ingest", "read", "admin"]);
    await sql`insert into api_keys (tenant_id, name, key_prefix, key_hash) values ('acme', 'plain insert', 'cok_new', ${"b".repeat(64)})`.execute(db);
    expect((await db.selectFrom("api_keys").select("scopes").where("name", "=", "plain insert").executeTakeFirstOrThrow()).scopes).toEqual(["ingest"]);
    expect((await createApiKey(db, "acme", "reader", ["read", "read"])).scopes).toEqual(["read"]);
    await expect(sql`update api_keys set scopes = array['write']::text[] where name = 'reader'`.execute(db)).rejects.toThrow(/api_keys_scopes_check/);
    await expect(sql`update api_keys set scopes = array[]::text[] where name = 'reader'`.execute(db)).rejects.toThrow(/api_keys_scopes_check/);
  });
});
