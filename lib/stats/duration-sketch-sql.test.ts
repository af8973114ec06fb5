import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { binOfSql, storedSketchColumns } from "@/lib/stats/duration-sketch-sql";
import { binOf } from "@/lib/stats/duration-sketch";
import { seededRandom } from "@/lib/stats/seeded-random";

describe.each(testBackends())("duration sketches in SQL on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("puts durations in the bins binOf does, from a nanosecond to days", async () => {
    const random = seededRandom(19);
    const durations = [0, -5, 1, 2, 3, 99, 100, 101, 1_000_000, 86_400_000_000_000];
    for (let i = 0; i < 2000; i++) durations.push(Math.floor(Math.exp(random() * Math.log(1e14))));
    const { rows } = await sql<{ d: string; bin: number }>`
      select d::text, ${binOfSql(sql`d`)} as bin from unnest(${durations.map(String)}::int8[]) as t(d)`.execute(handle.database.kysely);
    expect(rows.map((row) => row.bin)).toEqual(durations.map((d) => binOf(d)));
  });

  it("rebuilds a run_nodes row's implicit sketch from its minimum and activations, and passes stored ones through", async () => {
    const { rows } = await sql<{ duration_bins: number[]; duration_counts: number[] }>`
      select ${storedSketchColumns("n")}
      from (values
        (null::int4[], null::int4[], 5000000::int8, 3),
        (array[10, 12]::int4[], array[1, 2]::int4[], 100::int8, 3),
        (null::int4[], null::int4[], null::int8, 0)
      ) as n(duration_bins, duration_counts, duration_min_ns, activations)`.execute(handle.database.kysely);
    expect(rows).toEqual([
      { duration_bins: [binOf(5_000_000)], duration_counts: [3] },
      { duration_bins: [10, 12], duration_counts: [1, 2] },
      { duration_bins: [], duration_counts: [] },
    ]);
  });
});
