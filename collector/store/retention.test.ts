import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewAuditEvent, NewSpan } from "@/lib/db/types";
import { retentionCutoffNs } from "@/lib/retention/policy";
import { lockRuns } from "@/collector/store/locks";
import { deleteExpiredRuns } from "@/collector/store/retention";
import { writeBatch, type WriteBatch } from "@/collector/store/write-batch";

const NOW_MS = Date.UTC(2026, 11, 1);
const DAY_NS = 86_400_000_000_000n;
const NOW_NS = BigInt(NOW_MS) * 1_000_000n;
const CUTOFF = retentionCutoffNs(30, NOW_MS)!;
const LOGIC_A = "a".repeat(64);
const LOGIC_B = "b".repeat(64);
const NO_IDLE = 0n;

let seq = 0;
function span(runId: string, daysAgo: number, extra: Partial<NewSpan> = {}): NewSpan {
  seq += 1;
  const start = NOW_NS - BigInt(daysAgo) * DAY_NS + BigInt(seq) * 1000n;
  return makeSpan({
    trace_id: seq.toString(16).padStart(32, "0"),
    span_id: seq.toString(16).padStart(16, "0"),
    run_id: runId,
    name: "codon.node.plan",
    node_name: "plan",
    workload_name: "qa-agent",
    workload_version: "1.0",
    workload_logic_id: LOGIC_A,
    model_name: "gpt-5-mini",
    input_tokens: "100",
    output_tokens: "10",
    cost_usd: "0.5",
    start_time_unix_nano: start.toString(),
    end_time_unix_nano: (start + 500n).toString(),
    duration_ns: "500",
    ...extra,
  });
}

function edge(runId: string, daysAgo: number, from: string, to: string, tenantId = "default"): NewAuditEvent {
  seq += 1;
  return {
    tenant_id: tenantId,
    run_id: runId,
    dedupe_key: `e${seq}`,
    time_unix_nano: (NOW_NS - BigInt(daysAgo) * DAY_NS).toString(),
    event_type: "token_enqueued",
    source_node: from,
    target_node: to,
  };
}

const batch = (parts: Partial<WriteBatch>): WriteBatch => ({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [], ...parts });

describe.each(testBackends())("deleteExpiredRuns on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const rowsOf = async (table: "spans" | "audit_events" | "run_nodes" | "run_models" | "runs", runId: string) => {
    const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where run_id = ${runId}`.execute(db());
    return Number(result.rows[0]!.n);
  };
  const version = (logicId: string) =>
    db().selectFrom("workload_versions").selectAll().where("tenant_id", "=", "default").where("logic_id", "=", logicId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  beforeEach(async () => {
    await sql`truncate spans, runs, audit_events, workload_versions, node_specs, run_nodes, run_models, log_records, metric_series, metric_points`.execute(db());
  });

  it("removes runs past the cutoff with all their rows, oldest first in bounded batches, and keeps recent ones", async () => {
    const old = ["old-1", "old-2", "old-3"];
    await writeBatch(db(), batch({
      spans: [...old.map((runId, i) => span(runId, 40 + i)), span("new-1", 10), span("new-1", 9)],
      auditEvents: [edge("old-1", 40, "plan", "act"), edge("new-1", 10, "plan", "answer")],
    }), NO_IDLE);

    const first = await deleteExpiredRuns(db(), "default", CUTOFF, 2);
    expect({ ...first, deletedRuns: first.deletedRuns.sort() }).toEqual({ deletedRuns: ["old-2", "old-3"], deletedLogRecords: 0, deletedMetricPoints: 0, more: true });
    const second = await deleteExpiredRuns(db(), "default", CUTOFF, 2);
    expect(second).toEqual({ deletedRuns: ["old-1"], deletedLogRecords: 0, deletedMetricPoints: 0, more: false });
    expect(await deleteExpiredRuns(db(), "default", CUTOFF, 2)).toEqual({ deletedRuns: [], deletedLogRecords: 0, deletedMetricPoints: 0, more: false });

    for (const table of ["spans", "audit_events", "run_nodes", "run_models", "runs"] as const) {
      expect(await rowsOf(table, "old-1"), table).toBe(0);
      expect(await rowsOf(table, "new-1"), table).toBe(1 + (table === "spans" ? 1 : 0));
    }
    const spend = await sql<{ cost: string }>`select sum(cost_usd) as cost from run_models`.execute(db());
    expect(Number(spend.rows[0]!.cost)).toBe(1);
  });

  it("recomputes the figures of the versions that lost runs and keeps their history and graph", async () => {
    await writeBatch(db(), batch({
      spans: [span("a-old", 50), span("a-new", 5), span("b-old", 45, { workload_logic_id: LOGIC_B, workload_version: "0.9" })],
      auditEvents: [edge("b-old", 45, "plan", "act")],
    }), NO_IDLE);
    const before = await version(LOGIC_B);

    await deleteExpiredRuns(db(), "default", CUTOFF, 100);

    expect(await version(LOGIC_A)).toMatchObject({ run_count: 1 });
    // The logic-id history stays whole: when B was seen, its version string and its graph.
    expect(await version(LOGIC_B)).toMatchObject({
      run_count: 0,
      version: "0.9",
      first_seen_unix_nano: before.first_seen_unix_nano,
      last_seen_unix_nano: before.last_seen_unix_nano,
      graph: before.graph,
    });
    expect(before.graph.edges.length).toBeGreaterThan(0);
  });

  it("leaves a run whose last span is recent, however long ago it started", async () => {
    await writeBatch(db(), batch({ spans: [span("long", 60), span("long", 1)] }), NO_IDLE);
    expect(await deleteExpiredRuns(db(), "default", CUTOFF, 10)).toEqual({ deletedRuns: [], deletedLogRecords: 0, deletedMetricPoints: 0, more: false });
    expect(await rowsOf("spans", "long")).toBe(2);
  });

  it("removes log records older than the cutoff, oldest first in bounded batches, whatever their run", async () => {
    const record = (key: number, daysAgo: number, runKey: string | null) => ({
      tenant_id: "default",
      record_key: key.toString(16).padStart(32, "0"),
      run_key: runKey,
      time_unix_nano: (NOW_NS - BigInt(daysAgo) * DAY_NS + BigInt(key)).toString(),
      body: `line ${key}`,
    });
    // 120 old lines (of a run that stays, of none) and 3 recent ones; batches of 1 run take 50 lines.
    const old = Array.from({ length: 120 }, (_, i) => record(i + 1, 31 + (i % 5), i % 2 ? "recent-run" : null));
    await writeBatch(db(), batch({ spans: [span("recent-run", 2)], logRecords: [...old, record(500, 1, "recent-run"), record(501, 29, null), record(502, 0, null)] }), NO_IDLE);
    const removed: number[] = [];
    for (let more = true; more; ) {
      const result = await deleteExpiredRuns(db(), "default", CUTOFF, 1);
      removed.push(result.deletedLogRecords);
      more = result.more;
    }
    expect(removed).toEqual([50, 50, 20]);
    const left = await db().selectFrom("log_records").select("body").orderBy("time_unix_nano").execute();
    expect(left.map((row) => row.body)).toEqual(["line 501", "line 500", "line 502"]);
    expect(await rowsOf("runs", "recent-run")).toBe(1);
  });

  it("removes metric points older than the cutoff in bounded batches, and series left with none", async () => {
    const series = (key: string, daysAgo: number) => ({
      tenant_id: "default",
      series_key: key.padStart(32, "0"),
      metric_name: `m${key}`,
      kind: "gauge" as const,
      first_seen_unix_nano: (NOW_NS - BigInt(daysAgo) * DAY_NS).toString(),
    });
    const point = (key: string, daysAgo: number, i: number) => ({
      tenant_id: "default",
      series_key: key.padStart(32, "0"),
      time_unix_nano: (NOW_NS - BigInt(daysAgo) * DAY_NS + BigInt(i)).toString(),
      value: i,
    });
    // Series 1: 80 points 40 days old and 2 recent ones. Series 2: 30 old points only. Series 3: recent only.
    const points = [
      ...Array.from({ length: 80 }, (_, i) => point("1", 40, i)),
      point("1", 1, 0),
      point("1", 0, 1),
      ...Array.from({ length: 30 }, (_, i) => point("2", 35, i)),
      point("3", 2, 0),
    ];
    await writeBatch(db(), batch({ metrics: { series: [series("1", 40), series("2", 35), series("3", 2)], points } }), NO_IDLE);
    const removed: number[] = [];
    for (let more = true; more; ) {
      const result = await deleteExpiredRuns(db(), "default", CUTOFF, 1);
      removed.push(result.deletedMetricPoints);
      more = result.more;
    }
    expect(removed).toEqual([50, 50, 10]);
    const left = await sql<{ series_key: string; n: string }>`select series_key, count(*) as n from metric_points group by series_key order by series_key`.execute(db());
    expect(left.rows.map((row) => [row.series_key.replace(/^0+/, ""), Number(row.n)])).toEqual([["1", 2], ["3", 1]]);
    const kept = await db().selectFrom("metric_series").select(["series_key", "first_seen_unix_nano"]).orderBy("series_key").execute();
    expect(kept.map((row) => row.series_key.replace(/^0+/, ""))).toEqual(["1", "3"]);
    // Series 1 is cleared up to the cutoff: the next pass does not visit it.
    expect(BigInt(kept[0]!.first_seen_unix_nano)).toBe(CUTOFF);
    expect(await deleteExpiredRuns(db(), "default", CUTOFF, 1)).toEqual({ deletedRuns: [], deletedLogRecords: 0, deletedMetricPoints: 0, more: false });
  });

  it("touches only the tenant it is given", async () => {
    await db().insertInto("tenants").values({ id: "acme", name: "acme" }).onConflict((oc) => oc.column("id").doNothing()).execute();
    await writeBatch(db(), batch({ spans: [span("mine", 40), span("theirs", 40, { tenant_id: "acme" })] }), NO_IDLE);
    await deleteExpiredRuns(db(), "default", CUTOFF, 10);
    expect(await rowsOf("runs", "mine")).toBe(0);
    expect(await rowsOf("runs", "theirs")).toBe(1);
  });

  it("leaves every run consistent with its rows when a late span is written at the same time", async () => {
    await writeBatch(db(), batch({ spans: [span("busy", 40), span("busy", 40)] }), NO_IDLE);
    await Promise.all([
      deleteExpiredRuns(db(), "default", CUTOFF, 10),
      writeBatch(db(), batch({ spans: [span("busy", 39)] }), NO_IDLE),
    ]);
    const run = await db().selectFrom("runs").select("span_count").where("run_id", "=", "busy").executeTakeFirst();
    // Either order is fine, as long as the run's figures are those of the spans that remain.
    expect(run?.span_count ?? 0).toBe(await rowsOf("spans", "busy"));
    expect(await rowsOf("run_nodes", "busy")).toBe(run ? 1 : 0);
  });

  // PGlite has one connection: a second transaction cannot hold a lock meanwhile.
  it.runIf(backend.name === "postgres")("skips a run a writer holds, without waiting, and removes it once released", async () => {
    await writeBatch(db(), batch({ spans: [span("held", 40), span("free", 41)] }), NO_IDLE);
    const whileHeld = await db().transaction().execute(async (trx) => {
      await lockRuns(trx, "default", ["held"]);
      return deleteExpiredRuns(db(), "default", CUTOFF, 10);
    });
    expect(whileHeld.deletedRuns).toEqual(["free"]);
    expect(await rowsOf("spans", "held")).toBe(1);
    expect((await deleteExpiredRuns(db(), "default", CUTOFF, 10)).deletedRuns).toEqual(["held"]);
  });
});
