import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { binOf } from "@/lib/stats/duration-sketch";
import { nodeAnomalies } from "@/lib/anomalies/queries";

const DAY = 86_400_000_000_000n;
const START = 1_764_000_000_000_000_000n - (1_764_000_000_000_000_000n % DAY);
const LOGIC = "cd".repeat(32);

describe.each(testBackends())("node anomalies on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
    // 16 days of the writer: 6 runs a day at ~800 ms, one failing on day 15 (index 14) in 5 of 6 runs and slow on day 16.
    const rows = [];
    const runs = [];
    for (let day = 0; day < 16; day++) {
      for (let run = 0; run < 6; run++) {
        const ns = (day === 15 ? 2400 : 800 + run * 8) * 1_000_000;
        const start = (START + BigInt(day) * DAY + BigInt(run) * 3_600_000_000_000n).toString();
        runs.push(makeRun({ run_id: `d${day}-r${run}`, workload_name: "Anomalous", workload_logic_id: LOGIC, start_time_unix_nano: start, end_time_unix_nano: start }));
        rows.push({
          tenant_id: "default",
          run_id: `d${day}-r${run}`,
          node_name: "writer",
          activations: 1,
          errors: day === 14 && run < 5 ? 1 : 0,
          duration_bins: [binOf(ns)],
          duration_counts: [1],
          duration_min_ns: String(ns),
          duration_max_ns: String(ns),
        });
      }
    }
    await db().insertInto("runs").values(runs).execute();
    await db().insertInto("run_nodes").values(rows).execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("finds the day the writer failed and the day it slowed, from the run_nodes roll-up", async () => {
    const found = await nodeAnomalies(db(), "default", "Anomalous", "day", START + 7n * DAY, START + 16n * DAY, new Map([[LOGIC, "2.0.0"]]));
    expect(found.map((a) => [a.start, a.metric, a.direction, a.version])).toEqual([
      [new Date(Number((START + 15n * DAY) / 1_000_000n)).toISOString(), "duration", "higher", "2.0.0"],
      [new Date(Number((START + 14n * DAY) / 1_000_000n)).toISOString(), "error_rate", "higher", "2.0.0"],
    ]);
    const slow = found[0]!;
    // The sketch's p50 is within 1% of the true durations.
    expect(slow.value).toBeGreaterThan(2400 * 0.98);
    expect(slow.baseline).toBeGreaterThan(800 * 0.98);
    expect(slow.baseline).toBeLessThan(850);
    expect(found[1]!.value).toBeCloseTo(5 / 6, 10);
  });

  it("keeps the window: the failing day before it serves as baseline only", async () => {
    const found = await nodeAnomalies(db(), "default", "Anomalous", "day", START + 15n * DAY, START + 16n * DAY, new Map());
    expect(found.map((a) => [a.metric, a.version])).toEqual([["duration", null]]);
  });
});
