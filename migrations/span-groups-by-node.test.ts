import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { migrateToLatest } from "@/lib/db/migrate";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { SPAN_GROUP_FIGURES } from "@/lib/runs/queries/dag-group-sql";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { migrations } from ".";

const T0 = 1_732_190_000_000_000_000n;

describe.each(testBackends())("the span groups by node migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("merges a node's groups under several spec ids into one, and the run DAG reads the same", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_12_27_120000_ledger_chain")).error).toBeUndefined();
    await db.insertInto("runs").values(makeRun({ run_id: "r", span_count: 5, aggregate_inputs: {} })).execute();
    const at = (ms: number) => (T0 + BigInt(ms) * 1_000_000n).toString();
    await db
      .insertInto("spans")
      .values([
        makeSpan({ run_id: "r", span_id: "0000000000000001", node_name: "plan", nodespec_id: "p", start_time_unix_nano: at(0), end_time_unix_nano: at(5), duration_ns: "5000000" }),
        makeSpan({ run_id: "r", span_id: "0000000000000002", node_name: "act", nodespec_id: "b", start_time_unix_nano: at(10), end_time_unix_nano: at(17), duration_ns: "7000000", input_tokens: "3", cost_usd: "0.5" }),
        makeSpan({ run_id: "r", span_id: "0000000000000003", node_name: "act", nodespec_id: "a", start_time_unix_nano: at(20), end_time_unix_nano: at(23), duration_ns: "3000000", status_code: "error", status_message: "boom", attempt: 2 }),
        makeSpan({ run_id: "r", span_id: "0000000000000004", name: "agent.llm", nodespec_id: "a", start_time_unix_nano: at(21), end_time_unix_nano: at(22), duration_ns: "1000000", output_tokens: "4", cost_usd: "0.25" }),
        makeSpan({ run_id: "r", span_id: "0000000000000005", name: "untagged", start_time_unix_nano: at(30), end_time_unix_nano: at(31), duration_ns: "1000000" }),
      ])
      .execute();
    // Today's SPAN_GROUP_FIGURES and getRunDag have the service (2026_12_31_130000_span_groups_service): the old schema gets it for this setup and read.
    await sql`alter table run_span_groups add column service_name text`.execute(db);
    // The roll-up as ingest kept it before: a group per (node name, spec id).
    await sql`
      insert into run_span_groups (tenant_id, run_id, node_name, nodespec_id, role, service_name, activations, first_start_ns, last_end_ns, duration_ns,
        input_tokens, output_tokens, cost_usd, error_count, error_start_ns, error_message, failed_activations, last_attempt, last_start_ns, last_failed)
      select tenant_id, run_id, node_name, ${SPAN_GROUP_FIGURES}
      from spans group by tenant_id, run_id, node_name, nodespec_id`.execute(db);
    expect(await db.selectFrom("run_span_groups").select("nodespec_id").where("node_name", "=", "act").orderBy("nodespec_id").execute()).toHaveLength(2);
    // Today's getRunDag reads spans.redacted_count (2026_12_30_120000_redaction): the old schema gets it for this one read.
    await sql`alter table spans add column redacted_count integer not null default 0`.execute(db);
    const before = await getRunDag(db, "default", "r");
    await sql`alter table spans drop column redacted_count`.execute(db);
    await sql`alter table run_span_groups drop column service_name`.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const groups = await sql<Record<string, unknown>>`
      select node_name, nodespec_id, activations, first_start_ns::text, last_end_ns::text, duration_ns::text, input_tokens::float8, cost_usd::float8,
        error_count, error_message, failed_activations, last_attempt, last_start_ns::text, last_failed
      from run_span_groups order by node_name, nodespec_id`.execute(db);
    expect(groups.rows).toEqual([
      {
        node_name: "act", nodespec_id: "a", activations: 2, first_start_ns: at(10), last_end_ns: at(23), duration_ns: "10000000",
        input_tokens: 3, cost_usd: 0.5, error_count: 1, error_message: "boom", failed_activations: 1, last_attempt: 2, last_start_ns: at(20), last_failed: true,
      },
      expect.objectContaining({ node_name: "plan", nodespec_id: "p", activations: 1 }),
      expect.objectContaining({ node_name: null, nodespec_id: "a", activations: 0, cost_usd: 0.25 }),
      expect.objectContaining({ node_name: null, nodespec_id: null, activations: 0 }),
    ]);
    const after = await getRunDag(db, "default", "r");
    expect(after).toEqual(before);
    expect(after!.nodes.find((node) => node.name === "act")).toMatchObject({ nodespecId: "a", activations: 2, status: "failed", errorMessage: "boom" });
    // A run never folded is grouped from its rows by the same key.
    await sql`update runs set aggregate_inputs = null`.execute(db);
    expect(await getRunDag(db, "default", "r")).toEqual(before);

    // The new key: one group per node name, whatever its spec id; spec id still tells calls apart.
    const insertGroup = (nodeName: string | null, nodespecId: string) => sql`
      insert into run_span_groups (tenant_id, run_id, node_name, nodespec_id, activations, first_start_ns, last_end_ns, duration_ns,
        input_tokens, output_tokens, cost_usd, error_count)
      values ('default', 'r', ${nodeName}, ${nodespecId}, 1, 0, 0, 0, 0, 0, 0, 0)`.execute(db);
    await expect(insertGroup("plan", "other")).rejects.toThrow();
    await insertGroup(null, "another call spec");

    // Down and up again: the merged rows fit the old key, and the new one is rebuilt.
    expect((await migrator.migrateDown()).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
