import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { setTenantRetention } from "@/lib/retention/queries";
import { startRetention, type Retention } from "@/collector/retention/retention-job";
import { writeBatch } from "@/collector/store/write-batch";

const NOW_MS = Date.UTC(2026, 11, 1);
const DAY_NS = 86_400_000_000_000n;

let seq = 0;
/** A one-span run of `tenantId` that ended `daysAgo` days before NOW_MS. */
async function seedRun(db: TestDatabase["database"]["kysely"], tenantId: string, runId: string, daysAgo: number): Promise<void> {
  seq += 1;
  const start = BigInt(NOW_MS) * 1_000_000n - BigInt(daysAgo) * DAY_NS;
  const span = makeSpan({
    tenant_id: tenantId,
    trace_id: seq.toString(16).padStart(32, "0"),
    span_id: seq.toString(16).padStart(16, "0"),
    run_id: runId,
    start_time_unix_nano: start.toString(),
    end_time_unix_nano: (start + 1000n).toString(),
    duration_ns: "1000",
  });
  await writeBatch(db, { spans: [span], auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
}

describe.each(testBackends())("the retention job on $name", (backend) => {
  let handle: TestDatabase;
  let jobs: Retention[] = [];
  const db = () => handle.database.kysely;
  const job = (defaultDays: number) => {
    const started = startRetention(db(), { defaultDays, batchSize: 2, nowMs: () => NOW_MS, firstPassMs: 3_600_000, intervalMs: 3_600_000 });
    jobs.push(started);
    return started;
  };
  const runIds = async () => (await db().selectFrom("runs").select("run_id").orderBy("run_id").execute()).map((row) => row.run_id);

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await Promise.all(jobs.map((started) => started.close()));
    await handle?.dispose();
  });
  beforeEach(async () => {
    await Promise.all(jobs.map((started) => started.close()));
    jobs = [];
    await sql`truncate spans, runs, audit_events, workload_versions, run_nodes, run_models`.execute(db());
    await sql`update tenants set retention_days = null`.execute(db());
  });

  it("removes every tenant's runs past its retention, a tenant's own setting winning, then stops", async () => {
    await setTenantRetention(db(), "acme", 7);
    await setTenantRetention(db(), "forever", 0);
    for (let i = 0; i < 5; i++) await seedRun(db(), "default", `default-old-${i}`, 31 + i);
    await seedRun(db(), "default", "default-recent", 10);
    await seedRun(db(), "acme", "acme-old", 10);
    await seedRun(db(), "acme", "acme-recent", 3);
    await seedRun(db(), "forever", "forever-ancient", 400);

    const retention = job(30);
    // Five expired runs of one tenant in batches of two: the pass goes on until none is left.
    expect(await retention.sweep()).toEqual({ deletedRuns: 6 });
    expect(await runIds()).toEqual(["acme-recent", "default-recent", "forever-ancient"]);
    expect(await retention.sweep()).toEqual({ deletedRuns: 0 });
  });

  it("keeps everything when RETENTION_DAYS is 0 and no tenant says otherwise", async () => {
    await seedRun(db(), "default", "ancient", 3_000);
    expect(await job(0).sweep()).toEqual({ deletedRuns: 0 });
    expect(await runIds()).toEqual(["ancient"]);
  });

  it("applies a tenant's own retention under a server that keeps everything", async () => {
    await setTenantRetention(db(), "default", 1);
    await seedRun(db(), "default", "yesterday", 2);
    expect(await job(0).sweep()).toEqual({ deletedRuns: 1 });
    expect(await runIds()).toEqual([]);
  });
});
