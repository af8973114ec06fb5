import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { writeBatch } from "@/collector/store/write-batch";
import { normalizeSpan } from "@/collector/normalize/span";
import { makeDecodedSpan } from "@/collector/normalize/testing";
import { setRedactionRules } from "@/lib/redaction/queries";
import { migrations } from ".";

describe.each(testBackends())("the redaction migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("counts nothing redacted in spans stored before it, and rolls back and forward again", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_12_29_120000_run_nodes_implicit_sketch")).error).toBeUndefined();
    const row = normalizeSpan(makeDecodedSpan({ attributes: { "codon.workload.run_id": "run-before" } }), { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } });
    await sql`insert into spans (tenant_id, trace_id, span_id, run_id, name, start_time_unix_nano, end_time_unix_nano, duration_ns)
      values ('default', ${row.trace_id}, ${row.span_id}, 'run-before', 'old', 1, 2, 1)`.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const stored = await db.selectFrom("spans").select("redacted_count").where("run_id", "=", "run-before").executeTakeFirstOrThrow();
    expect(stored.redacted_count).toBe(0);
    await setRedactionRules(db, "default", [{ kind: "detector", detector: "email", action: "mask" }]);
    await writeBatch(db, { spans: [{ ...row, span_id: "00000000000000aa", redacted_count: 3 }], auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
    expect((await db.selectFrom("spans").select("redacted_count").where("span_id", "=", "00000000000000aa").executeTakeFirstOrThrow()).redacted_count).toBe(3);

    expect((await migrator.migrateTo("2026_12_29_120000_run_nodes_implicit_sketch")).error).toBeUndefined();
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'redaction_settings'`.execute(db);
    expect(tables.rows[0]?.n).toBe(0);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
