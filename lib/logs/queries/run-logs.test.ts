import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewLogRecord } from "@/lib/db/types";
import { listRunLogs } from "@/lib/logs/queries/run-logs";
import type { LogQuery } from "@/lib/logs/params";

// A run's log records: by the run id they name, or by a trace of the run's spans; never another
// tenant's, even with the same run id or trace.

const TRACE = "7".repeat(32);
const query: LogQuery = { limit: 100, cursor: null, severity: null, text: null, span: null };
const line = (tenantId: string, key: number, runKey: string | null, traceId: string | null = null): NewLogRecord => ({
  tenant_id: tenantId,
  record_key: key.toString(16).padStart(32, "0"),
  run_key: runKey,
  time_unix_nano: (1_764_000_000_000_000_000n + BigInt(key)).toString(),
  severity_number: 9,
  body: `${tenantId} line ${key}`,
  trace_id: traceId,
});

describe.each(testBackends())("listRunLogs on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("tenants").values({ id: "other", name: "other" }).execute();
    // The run's one span is in TRACE; so is one of the other tenant's spans of a run of the same id.
    await db().insertInto("spans").values([
      makeSpan({ tenant_id: "default", run_id: "run-x", trace_id: TRACE, span_id: "1".repeat(16) }),
      makeSpan({ tenant_id: "other", run_id: "run-x", trace_id: TRACE, span_id: "2".repeat(16) }),
    ]).execute();
    await db().insertInto("log_records").values([
      line("default", 1, "run-x"),
      line("default", 2, TRACE, TRACE),
      line("default", 3, "8".repeat(32), "8".repeat(32)),
      line("default", 4, null),
      line("other", 5, "run-x"),
      line("other", 6, TRACE, TRACE),
    ]).execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("finds the tenant's records naming the run or in its traces, and no one else's", async () => {
    const mine = await listRunLogs(db(), "default", "run-x", query);
    expect(mine.logs.map((l) => l.body)).toEqual(["default line 1", "default line 2"]);
    const theirs = await listRunLogs(db(), "other", "run-x", query);
    expect(theirs.logs.map((l) => l.body)).toEqual(["other line 5", "other line 6"]);
  });
});
