import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun } from "../db/fixtures";
import { testBackends, type TestDatabase } from "../db/testing";
import { listWorkloads } from "./runs";

describe.each(testBackends())("run queries on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
    const db = handle.database.kysely;
    await db.insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    await db
      .insertInto("runs")
      .values([
        makeRun({ run_id: "old", start_time_unix_nano: "1732190000000000000", workload_name: "qa" }),
        makeRun({ run_id: "new", start_time_unix_nano: "1732190000000000002", workload_name: "qa" }),
        makeRun({ run_id: "mid", start_time_unix_nano: "1732190000000000001", workload_name: "writer" }),
        makeRun({ tenant_id: "other", run_id: "theirs", start_time_unix_nano: "1832190000000000000" }),
      ])
      .execute();
    await db
      .insertInto("workload_versions")
      .values([
        { tenant_id: "default", workload_name: "qa", logic_id: "a".repeat(64), version: "0.1.0", first_seen_unix_nano: "1", last_seen_unix_nano: "5", run_count: 3 },
        { tenant_id: "default", workload_name: "qa", logic_id: "b".repeat(64), version: "0.2.0", first_seen_unix_nano: "6", last_seen_unix_nano: "9", run_count: 2 },
        { tenant_id: "other", workload_name: "qa", logic_id: "c".repeat(64), version: "9", first_seen_unix_nano: "1", last_seen_unix_nano: "99", run_count: 7 },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("summarises workloads per tenant", async () => {
    expect(await listWorkloads(handle.database.kysely, "default")).toEqual([
      { workload_name: "qa", versions: 2, runs: 5, last_seen_unix_nano: "9" },
    ]);
  });
});
