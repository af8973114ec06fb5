import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { RunChange } from "@/lib/runtime/run-changes";
import { closeIdleRuns } from "@/collector/store/run-aggregates";
import { sweepIdleRuns } from "@/collector/store/idle-sweep";

const T0 = 1_732_190_000_000_000_000n;
const SEC = 1_000_000_000n;
const endingAt = (seconds: number) => ({ status: "running" as const, start_time_unix_nano: String(T0), end_time_unix_nano: String(T0 + BigInt(seconds) * SEC) });

describe.each(testBackends())("the idle sweep on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const statuses = async () =>
    Object.fromEntries((await db().selectFrom("runs").select(["tenant_id", "run_id", "status"]).execute()).map((row) => [`${row.tenant_id}/${row.run_id}`, row.status]));

  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    await db()
      .insertInto("runs")
      .values([
        makeRun({ run_id: "idle-3", ...endingAt(3) }),
        makeRun({ run_id: "idle-1", ...endingAt(1) }),
        makeRun({ tenant_id: "other", run_id: "idle-2", ...endingAt(2) }),
        makeRun({ run_id: "idle-4", ...endingAt(4) }),
        makeRun({ tenant_id: "other", run_id: "idle-5", ...endingAt(5) }),
        makeRun({ run_id: "recent", ...endingAt(60) }),
        makeRun({ run_id: "done", ...endingAt(0), status: "completed" }),
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("closes at most a batch per statement, the longest idle first", async () => {
    const cutoff = T0 + 10n * SEC;
    // RETURNING gives no order: which two it closed is what matters.
    const closed = (await closeIdleRuns(db(), cutoff, 2)).sort((a, b) => a.runId.localeCompare(b.runId));
    expect(closed).toEqual([
      { tenantId: "default", runId: "idle-1" },
      { tenantId: "other", runId: "idle-2" },
    ]);
    const left = await statuses();
    expect([left["default/idle-1"], left["other/idle-2"], left["default/idle-3"]]).toEqual(["completed", "completed", "running"]);
  });

  it("sweeps every run due in batches, publishing one change per tenant and batch, and leaves the rest", async () => {
    const published: RunChange[] = [];
    expect(await sweepIdleRuns(db(), T0 + 10n * SEC, (change) => published.push(change), 2)).toBe(3);
    const byTenant = published.map((change) => ({ ...change, runIds: [...change.runIds].sort() })).sort((a, b) => a.tenantId.localeCompare(b.tenantId));
    expect(byTenant).toEqual([
      { tenantId: "default", runIds: ["idle-3", "idle-4"] },
      { tenantId: "other", runIds: ["idle-5"] },
    ]);
    expect(await statuses()).toEqual({
      "default/idle-1": "completed",
      "other/idle-2": "completed",
      "default/idle-3": "completed",
      "default/idle-4": "completed",
      "other/idle-5": "completed",
      "default/recent": "running",
      "default/done": "completed",
    });
    expect(await sweepIdleRuns(db(), T0 + 10n * SEC, (change) => published.push(change), 2)).toBe(0);
    expect(published).toHaveLength(2);
  });
});
