import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewLogRecord } from "@/lib/db/types";
import { listServiceLogs } from "@/lib/logs/queries/service-logs";
import type { ServiceLogQuery } from "@/lib/logs/params";

// The Logs page's list: newest first, by service, window, level, text and "no run"; one tenant's.

const BASE = 1_764_000_000_000_000_000n;
const query = (overrides: Partial<ServiceLogQuery> = {}): ServiceLogQuery => ({ limit: 100, cursor: null, severity: null, text: null, service: null, withoutRun: false, ...overrides });
const line = (tenantId: string, key: number, service: string, severity: number, runKey: string | null = null): NewLogRecord => ({
  tenant_id: tenantId,
  record_key: key.toString(16).padStart(32, "0"),
  run_key: runKey,
  time_unix_nano: (BASE + BigInt(key) * 1_000_000_000n).toString(),
  severity_number: severity,
  body: `${service} says ${key}`,
  service_name: service,
});

describe.each(testBackends())("listServiceLogs on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const bodies = async (overrides: Partial<ServiceLogQuery> = {}, tenantId = "default") => (await listServiceLogs(db(), tenantId, query(overrides))).logs.map((l) => l.body);
  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("tenants").values({ id: "other", name: "other" }).execute();
    await db().insertInto("log_records").values([
      line("default", 1, "api", 9),
      line("default", 2, "worker", 13, "run-1"),
      line("default", 3, "worker", 17),
      line("default", 4, "api", 9),
      line("other", 5, "api", 9),
    ]).execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("lists the tenant's records newest first and filters them", async () => {
    expect(await bodies()).toEqual(["api says 4", "worker says 3", "worker says 2", "api says 1"]);
    expect(await bodies({ service: "worker" })).toEqual(["worker says 3", "worker says 2"]);
    expect(await bodies({ service: "worker", withoutRun: true })).toEqual(["worker says 3"]);
    expect(await bodies({ severity: "warn" })).toEqual(["worker says 3", "worker says 2"]);
    expect(await bodies({ text: "SAYS 1" })).toEqual(["api says 1"]);
    expect(await bodies({ fromNs: BASE + 2_000_000_000n, toNs: BASE + 3_000_000_000n })).toEqual(["worker says 3", "worker says 2"]);
    expect(await bodies({}, "other")).toEqual(["api says 5"]);
  });

  it("pages backwards with the cursor it returns", async () => {
    const first = await listServiceLogs(db(), "default", query({ limit: 3 }));
    expect(first.logs).toHaveLength(3);
    const rest = await listServiceLogs(db(), "default", query({ limit: 3, cursor: first.nextCursor }));
    expect(rest.logs.map((l) => l.body)).toEqual(["api says 1"]);
    expect(rest.nextCursor).toBeNull();
  });
});
