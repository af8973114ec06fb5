import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { migrations } from ".";

describe.each(testBackends())("the span groups' service migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("fills each stored group's service from its spans, the greatest when they name several", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_12_30_120000_redaction")).error).toBeUndefined();
    await db.insertInto("runs").values(makeRun({ run_id: "r", span_count: 5, aggregate_inputs: {} })).execute();
    await db
      .insertInto("spans")
      .values([
        makeSpan({ run_id: "r", span_id: "0000000000000001", node_name: "plan", nodespec_id: "p", service_name: "planner" }),
        makeSpan({ run_id: "r", span_id: "0000000000000002", node_name: "act", nodespec_id: "a", service_name: "actor-a" }),
        makeSpan({ run_id: "r", span_id: "0000000000000003", node_name: "act", nodespec_id: "a", service_name: "actor-b" }),
        makeSpan({ run_id: "r", span_id: "0000000000000004", name: "agent.llm", nodespec_id: "a", service_name: "llm-gateway" }),
        makeSpan({ run_id: "r", span_id: "0000000000000005", node_name: "quiet", nodespec_id: "q" }),
      ])
      .execute();
    const group = (nodeName: string | null, nodespecId: string) => sql`
      insert into run_span_groups (tenant_id, run_id, node_name, nodespec_id, activations, first_start_ns, last_end_ns, duration_ns,
        input_tokens, output_tokens, cost_usd, error_count)
      values ('default', 'r', ${nodeName}, ${nodespecId}, 1, 0, 0, 0, 0, 0, 0, 0)`.execute(db);
    for (const [node, spec] of [["plan", "p"], ["act", "a"], [null, "a"], ["quiet", "q"]] as const) await group(node, spec);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const rows = await db.selectFrom("run_span_groups").select(["node_name", "nodespec_id", "service_name"]).orderBy("node_name").orderBy("nodespec_id").execute();
    expect(rows).toEqual([
      { node_name: "act", nodespec_id: "a", service_name: "actor-b" },
      { node_name: "plan", nodespec_id: "p", service_name: "planner" },
      { node_name: "quiet", nodespec_id: "q", service_name: null },
      { node_name: null, nodespec_id: "a", service_name: "llm-gateway" },
    ]);
    const dag = await getRunDag(db, "default", "r");
    expect(Object.fromEntries(dag!.nodes.map((node) => [node.name, node.service]))).toEqual({ act: "actor-b", plan: "planner", quiet: null });

    // Down to the migration before this one (later ones go down first), then up again.
    expect((await migrator.migrateTo("2026_12_31_120000_access_log")).error).toBeUndefined();
    await expect(sql`select service_name from run_span_groups`.execute(db)).rejects.toThrow();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
