import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { migrateToLatest } from "@/lib/db/migrate";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { migrations } from ".";

describe.each(testBackends())("the DAG roll-ups migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("groups the spans and events stored before it as the run DAG read them", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("2026_12_16_120000_incremental_run_aggregates");
    expect(error).toBeUndefined();
    await db.insertInto("runs").values(makeRun({ run_id: "old", span_count: 4 })).execute();
    await db
      .insertInto("spans")
      .values([
        makeSpan({ run_id: "old", span_id: "0000000000000001", node_name: "plan", nodespec_id: "p", node_role: "planner", duration_ns: "5", input_tokens: "1", cost_usd: "0.5" }),
        makeSpan({ run_id: "old", span_id: "0000000000000002", parent_span_id: "0000000000000001", node_name: "act", nodespec_id: "a", duration_ns: "7", status_code: "error", start_time_unix_nano: "1732190000100000000" }),
        makeSpan({ run_id: "old", span_id: "0000000000000003", parent_span_id: "0000000000000002", name: "agent.llm", nodespec_id: "a", output_tokens: "4", cost_usd: "0.25", status_code: "error", status_message: "rate limited" }),
        makeSpan({ run_id: "old", span_id: "0000000000000004", name: "untagged", counts_usage: false, input_tokens: "9" }),
      ])
      .execute();
    await db
      .insertInto("audit_events")
      .values([
        { tenant_id: "default", run_id: "old", dedupe_key: "1", time_unix_nano: "1732190000000000001", event_type: "token_enqueued", source_node: "plan", target_node: "act" },
        { tenant_id: "default", run_id: "old", dedupe_key: "2", time_unix_nano: "1732190000000000003", event_type: "node_failed", source_node: "act", metadata: { error: "second" } },
        { tenant_id: "default", run_id: "old", dedupe_key: "3", time_unix_nano: "1732190000000000002", event_type: "node_failed", source_node: "act", metadata: { error_message: "first" } },
      ])
      .execute();
    await migrateToLatest(db);
    expect(await db.selectFrom("run_span_groups").select(["node_name", "activations", "error_count", "error_message"]).orderBy("node_name").orderBy("nodespec_id").execute()).toEqual([
      { node_name: "act", activations: 1, error_count: 1, error_message: "codon.node.planner failed" },
      { node_name: "plan", activations: 1, error_count: 0, error_message: null },
      { node_name: null, activations: 0, error_count: 1, error_message: "rate limited" },
      { node_name: null, activations: 0, error_count: 0, error_message: null },
    ]);
    // Read from the roll-ups (as for a run folded since 2026_12_16) and from the rows: the same DAG.
    const fromRows = await getRunDag(db, "default", "old");
    await sql`update runs set aggregate_inputs = '{}'::jsonb`.execute(db);
    const fromRollUps = await getRunDag(db, "default", "old");
    expect(fromRollUps).toEqual(fromRows);
    expect(fromRollUps!.nodes.find((node) => node.name === "act")).toMatchObject({ status: "failed", errorMessage: "codon.node.planner failed", costUsd: 0.25 });
    expect(fromRollUps!.edges).toContainEqual({ source: "plan", target: "act", kind: "ledger", count: 1 });
  });
});
