import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { createRunChangePoller, readRunStamps } from "@/lib/runtime/run-change-poller";
import { RunChangeHub, type RunChange } from "@/lib/runtime/run-changes";

// Writes another process makes reach the hub through one poll of the watched runs' updated_at.

describe.each(testBackends())("the run change poller on $name", (backend) => {
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("reads the stamps of existing watched runs in one go, however many", async () => {
    const db = handle.database.kysely;
    await db.insertInto("tenants").values({ id: "acme", name: "acme" }).execute();
    await db.insertInto("runs").values([makeRun({ run_id: "s1" }), makeRun({ run_id: "s2", tenant_id: "acme" })]).execute();
    const watched = [
      ...Array.from({ length: 1200 }, (_, i) => ({ tenantId: "default", runId: `missing-${i}` })),
      { tenantId: "default", runId: "s1" },
      { tenantId: "default", runId: "s2" },
      { tenantId: "acme", runId: "s2" },
    ];
    const stamps = await readRunStamps(db, watched);
    expect([...stamps.keys()].sort()).toEqual(["acme\u001fs2", "default\u001fs1"]);
  });

  it("publishes a watched run when it first exists and whenever its row changes, nothing for unknown or unwatched runs", async () => {
    const db = handle.database.kysely;
    const hub = new RunChangeHub();
    const published: RunChange[] = [];
    hub.subscribe((change) => published.push(change));
    const poller = createRunChangePoller({ hub, db: () => db });
    hub.watch("default", "p1", () => {});
    hub.watch("default", "never", () => {});

    await poller.poll();
    expect(published).toEqual([]);

    await db.insertInto("runs").values([makeRun({ run_id: "p1" }), makeRun({ run_id: "p2" })]).execute();
    await poller.poll();
    expect(published).toEqual([{ tenantId: "default", runIds: ["p1"] }]);
    await poller.poll();
    expect(published).toHaveLength(1);

    // Another process's write moves updated_at (every recompute sets it).
    await sql`update runs set span_count = 2, updated_at = now() where run_id = 'p1'`.execute(db);
    await poller.poll();
    expect(published).toEqual([{ tenantId: "default", runIds: ["p1"] }, { tenantId: "default", runIds: ["p1"] }]);
  });

  it("reports a failing database once per streak and keeps polling", async () => {
    const errors: string[] = [];
    const hub = new RunChangeHub();
    hub.watch("default", "r", () => {});
    let broken = true;
    const db = () => (broken ? ({ selectFrom: () => { throw new Error("connection refused"); } } as never) : handle.database.kysely);
    const poller = createRunChangePoller({ hub, db, onError: (error) => errors.push(error.message) });
    await poller.poll();
    await poller.poll();
    broken = false;
    await poller.poll();
    broken = true;
    await poller.poll();
    expect(errors).toEqual(["connection refused", "connection refused"]);
  });
});
