import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { binOf, sketchOf } from "@/lib/stats/duration-sketch";
import { migrations } from ".";

const BEFORE = "2026_12_28_130000_run_nodes_without_run_columns";

describe.each(testBackends())("the implicit sketch migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("drops the sketches every activation of which is in the shortest one's bin, and puts them back on the way down", async () => {
    const db = handle.database.kysely;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    await db.insertInto("runs").values(makeRun({ run_id: "r", aggregate_inputs: {} })).execute();
    const node = (name: string, durations: number[]) => {
      const sketch = sketchOf(durations);
      return sql`(${name}::text, ${durations.length}::int4, ${sketch.bins}::int4[], ${sketch.counts}::int4[], ${durations.length ? String(Math.min(...durations)) : null}::int8)`;
    };
    await sql`
      insert into run_nodes (tenant_id, run_id, node_name, activations, errors, duration_bins, duration_counts, duration_min_ns, duration_max_ns)
      select 'default', 'r', v.name, v.activations, 0, v.bins, v.counts, v.min_ns, v.min_ns
      from (values ${sql.join([node("once", [5_000_000]), node("same", [700, 701, 702]), node("spread", [100, 5000]), node("unknown", [])])})
        as v(name, activations, bins, counts, min_ns)`.execute(db);
    const read = async () =>
      (await sql<{ node_name: string; duration_bins: number[] | null; duration_counts: number[] | null }>`
        select node_name, duration_bins, duration_counts from run_nodes order by node_name`.execute(db)).rows;
    const before = await read();

    expect((await migrator.migrateTo("2026_12_29_120000_run_nodes_implicit_sketch")).error).toBeUndefined();
    expect(await read()).toEqual([
      { node_name: "once", duration_bins: null, duration_counts: null },
      { node_name: "same", duration_bins: null, duration_counts: null },
      { node_name: "spread", duration_bins: [binOf(100), binOf(5000)], duration_counts: [1, 1] },
      { node_name: "unknown", duration_bins: [], duration_counts: [] },
    ]);

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await read()).toEqual(before);
  });
});
