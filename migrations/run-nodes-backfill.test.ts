import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { migrateToLatest } from "@/lib/db/migrate";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { migrations } from ".";
import { sketchOf } from "@/lib/stats/duration-sketch";

describe.each(testBackends())("the run_nodes migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("rolls up the spans stored before it", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("2026_11_21_180000_runs_list_indexes");
    expect(error).toBeUndefined();
    await db.insertInto("runs").values(makeRun({ run_id: "old", workload_name: "qa", workload_logic_id: "a".repeat(64) })).execute();
    await db
      .insertInto("spans")
      .values([
        makeSpan({ run_id: "old", span_id: "0000000000000001", node_name: "plan", nodespec_id: "p", duration_ns: "5", input_tokens: "1" }),
        makeSpan({ run_id: "old", span_id: "0000000000000002", node_name: "plan", nodespec_id: "p", duration_ns: "7", status_code: "error" }),
        makeSpan({ run_id: "old", span_id: "0000000000000003", name: "agent.llm", nodespec_id: "p", output_tokens: "4", cost_usd: "0.25" }),
      ])
      .execute();
    await migrateToLatest(db);
    // The run's logic id is read from runs since 2026_12_28_130000_run_nodes_without_run_columns.
    const rows = await db.selectFrom("run_nodes").innerJoin("runs", (join) => join.onRef("runs.tenant_id", "=", "run_nodes.tenant_id").onRef("runs.run_id", "=", "run_nodes.run_id"))
      .select(["run_nodes.run_id", "node_name", "workload_logic_id as logic_id", "activations", "errors", "duration_bins", "duration_counts", "tokens", "run_nodes.cost_usd"]).execute();
    // The later sketch migration turned the durations into the bins lib/stats/duration-sketch.ts computes.
    const sketch = sketchOf([5, 7]);
    expect(rows.map((r) => ({ ...r, cost_usd: Number(r.cost_usd) }))).toEqual([
      { run_id: "old", node_name: "plan", logic_id: "a".repeat(64), activations: 2, errors: 1, duration_bins: sketch.bins, duration_counts: sketch.counts, tokens: "5", cost_usd: 0.25 },
    ]);
  });
});
