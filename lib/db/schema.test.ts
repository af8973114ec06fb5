import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";

describe.each(testBackends())("schema on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  const db = () => handle.database.kysely;

  it("keeps nanosecond times, token counts and costs exact", async () => {
    // 2^63 - 1 and a real nanosecond timestamp: neither survives a float64 round trip.
    await db()
      .insertInto("spans")
      .values(
        makeSpan({
          span_id: "0000000000000001",
          start_time_unix_nano: "1732190000123456789",
          end_time_unix_nano: "9223372036854775807",
          duration_ns: 9223372036854775807n - 1732190000123456789n,
          input_tokens: "9007199254740993",
          cost_usd: "0.0000012345",
          attributes: { "codon.workload.run_id": "run-1", "codon.tokens.total": "9007199254740993" },
          events: [{ name: "codon.audit.node_completed", attributes: { ok: true } }],
        }),
      )
      .execute();
    const row = await db()
      .selectFrom("spans")
      .select(["start_time_unix_nano", "end_time_unix_nano", "duration_ns", "input_tokens", "cost_usd", "attributes", "events"])
      .where("span_id", "=", "0000000000000001")
      .executeTakeFirstOrThrow();
    expect(row.start_time_unix_nano).toBe("1732190000123456789");
    expect(row.end_time_unix_nano).toBe("9223372036854775807");
    expect(row.duration_ns).toBe("7491182036731319018");
    expect(row.input_tokens).toBe("9007199254740993");
    expect(row.cost_usd).toBe("0.0000012345");
    expect(row.attributes).toEqual({ "codon.workload.run_id": "run-1", "codon.tokens.total": "9007199254740993" });
    expect(row.events).toEqual([{ name: "codon.audit.node_completed", attributes: { ok: true } }]);
  });

  it("stores a re-delivered span once (unique on tenant, trace and span id)", async () => {
    const span = makeSpan({ span_id: "00000000000000aa" });
    await db().insertInto("spans").values(span).execute();
    await expect(db().insertInto("spans").values(span).execute()).rejects.toThrow(/duplicate key|unique/i);
    const inserted = await db()
      .insertInto("spans")
      .values({ ...span, name: "changed" })
      .onConflict((oc) => oc.columns(["tenant_id", "trace_id", "span_id"]).doNothing())
      .returning("span_id")
      .execute();
    expect(inserted).toEqual([]);
    const rows = await db().selectFrom("spans").select("name").where("span_id", "=", "00000000000000aa").execute();
    expect(rows).toEqual([{ name: "codon.node.planner" }]);
    // The same ids under another tenant are another span.
    await db().insertInto("tenants").values({ id: "acme", name: "Acme" }).execute();
    await db().insertInto("spans").values({ ...span, tenant_id: "acme" }).execute();
  });

  it("refuses statuses outside the documented sets", async () => {
    await expect(
      db().insertInto("runs").values(makeRun({ run_id: "bad", status: "exploded" as never })).execute(),
    ).rejects.toThrow(/check constraint/i);
    await expect(
      db().insertInto("spans").values(makeSpan({ span_id: "00000000000000bb", status_code: "bad" as never })).execute(),
    ).rejects.toThrow(/check constraint/i);
  });

  it("stores an audit event once per dedupe key", async () => {
    const event = {
      tenant_id: "default",
      run_id: "run-1",
      dedupe_key: "k1",
      time_unix_nano: "1732190000000000001",
      event_type: "token_enqueued",
      source_node: "__entry__",
      target_node: "planner",
      lineage: ["planner"],
      metadata: { note: "é ✓" },
    };
    await db().insertInto("audit_events").values(event).execute();
    await expect(db().insertInto("audit_events").values(event).execute()).rejects.toThrow(/duplicate key|unique/i);
    const stored = await db().selectFrom("audit_events").select(["lineage", "metadata"]).executeTakeFirstOrThrow();
    expect(stored).toEqual({ lineage: ["planner"], metadata: { note: "é ✓" } });
  });

  it("serves the dashboard's main lookups from indexes", async () => {
    await sql`set enable_seqscan = off`.execute(db());
    try {
      const plans: Record<string, string> = {
        runs_start_idx: `select run_id from runs where tenant_id = 'default' order by start_time_unix_nano desc, run_id desc limit 50`,
        runs_workload_start_idx: `select run_id from runs where tenant_id = 'default' and workload_name = 'qa' order by start_time_unix_nano desc limit 50`,
        runs_status_start_idx: `select run_id from runs where tenant_id = 'default' and status = 'failed' order by start_time_unix_nano desc, run_id desc limit 50`,
        runs_trace_idx: `select run_id from runs where tenant_id = 'default' and trace_id = 'abc'`,
        spans_run_idx: `select span_id from spans where tenant_id = 'default' and run_id = 'run-1' order by start_time_unix_nano`,
        workload_versions_recent_idx: `select logic_id from workload_versions where tenant_id = 'default' and workload_name = 'qa' order by last_seen_unix_nano desc`,
      };
      for (const [index, query] of Object.entries(plans)) {
        const plan = await sql<{ "QUERY PLAN": string }>`explain ${sql.raw(query)}`.execute(db());
        expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"), query).toContain(index);
      }
    } finally {
      await sql`reset enable_seqscan`.execute(db());
    }
  });

  it("finds runs by a run-id prefix with an index range, whatever the collation", async () => {
    await sql`insert into runs (tenant_id, run_id, start_time_unix_nano, end_time_unix_nano)
      select 'default', 'prefix-' || g, g, g from generate_series(1, 5000) g`.execute(db());
    await sql`analyze runs`.execute(db());
    try {
      const plan = await sql<{ "QUERY PLAN": string }>`explain select run_id from runs where tenant_id = 'default' and starts_with(run_id, 'prefix-12')`.execute(db());
      // runs_pkey serves it under the C collation, runs_run_id_prefix_idx (text_pattern_ops) under any other.
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Index Cond: .*run_id (>=|~>=~) 'prefix-12'/);
    } finally {
      await sql`delete from runs where run_id like 'prefix-%'`.execute(db());
    }
  });
});
