import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { migrations } from ".";

// The command line as an access-log actor: allowed once migrated; going down keeps the entries it
// wrote (the log is append-only) but takes no new ones; going up again allows them again.

const insert = (kind: string, seq: number) => sql`
  insert into access_log (tenant_id, seq, occurred_at, actor_kind, action, outcome, prev_hash, hash)
  values ('default', ${seq}, now(), ${kind}, 'api_key.create', 'ok', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))`;

describe.each(testBackends())("the access log's command-line actor migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle?.dispose());

  it("allows kind cli, and goes down and up again with a cli entry stored", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    await insert("cli", 1).execute(db);
    expect((await migrator.migrateTo("2027_01_03_120000_oidc_identities")).error).toBeUndefined();
    await expect(insert("cli", 2).execute(db)).rejects.toThrow(/actor_kind_check/);
    await insert("user", 2).execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await insert("cli", 3).execute(db);
    await expect(insert("robot", 4).execute(db)).rejects.toThrow(/actor_kind_check/);
    const kinds = await db.selectFrom("access_log").select("actor_kind").orderBy("seq").execute();
    expect(kinds.map((row) => row.actor_kind)).toEqual(["cli", "user", "cli"]);
  });
});
