import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { DB, NewAuditEvent, NewSpan } from "@/lib/db/types";
import { ENTRY_NODE } from "@/lib/runs/lineage";
import { writeBatch, type WriteBatch } from "@/collector/store/write-batch";
import { recomputeRuns } from "@/collector/store/run-aggregates";
import { recomputeRunModels } from "@/collector/store/run-models";
import { recomputeRunNodes } from "@/collector/store/run-nodes";
import { recomputeVersions } from "@/collector/store/versions";
import { recomputeDagRollups } from "@/collector/store/dag-rollups";
import { getRunDag } from "@/lib/runs/queries/run-dag";

// The oracle for the incremental fold: the whole-run statements repricing still uses. Rows of
// several runs arrive shuffled, in batches of random sizes, partly re-delivered; the roll-ups the
// fold keeps must equal what those statements compute from the stored rows afterwards.

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const LOGIC_A = "a".repeat(64);
const LOGIC_B = "b".repeat(64);

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function runRows(runId: string, next: () => number, traceKeyed: boolean, base: bigint): { spans: NewSpan[]; events: NewAuditEvent[] } {
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const spans: NewSpan[] = [];
  const traceId = traceKeyed ? runId.padEnd(32, "0") : `${runId}`.padEnd(32, "f");
  for (let i = 0; i < 40; i += 1) {
    // Distinct start times: the "first by time" rules then have no ties to break.
    const start = base + BigInt(i) * 7n * MS + BigInt(Math.floor(next() * 5)) * MS;
    const duration = BigInt(1 + Math.floor(next() * 900)) * MS;
    const isCall = next() < 0.25;
    const node = pick(["plan", "act", "reflect", "answer"]);
    spans.push(
      makeSpan({
        trace_id: traceId,
        span_id: (i + 1).toString(16).padStart(16, "0"),
        parent_span_id: traceKeyed && i === 0 ? null : "ffffffffffffffff",
        run_id: traceKeyed ? traceId : runId,
        name: isCall ? "agent.llm" : `codon.node.${node}`,
        node_name: isCall ? null : node,
        nodespec_id: next() < 0.1 ? null : `${node}-spec-${pick(["1", "2"])}`,
        node_role: isCall ? null : pick(["planner", "tool", null]),
        status_code: next() < 0.08 ? "error" : "ok",
        status_message: next() < 0.5 ? `boom ${i}` : null,
        start_time_unix_nano: start.toString(),
        end_time_unix_nano: (start + duration).toString(),
        duration_ns: duration.toString(),
        counts_usage: next() < 0.85,
        input_tokens: next() < 0.8 ? String(Math.floor(next() * 500)) : null,
        output_tokens: next() < 0.8 ? String(Math.floor(next() * 200)) : null,
        total_tokens: String(Math.floor(next() * 700)),
        cost_usd: next() < 0.6 ? (next() * 0.01).toFixed(10) : null,
        model_vendor: isCall ? pick(["openai", "anthropic"]) : null,
        model_name: isCall ? pick(["gpt-4o", "claude-sonnet-4"]) : null,
        service_name: next() < 0.9 ? pick(["svc-a", "svc-b"]) : null,
        workload_name: next() < 0.7 ? "qa-agent" : null,
        // The earliest span carries another logic id: the run changes version when it arrives late.
        workload_logic_id: i === 0 ? LOGIC_B : next() < 0.7 ? LOGIC_A : null,
        workload_version: next() < 0.5 ? pick(["1.0.0", "1.1.0"]) : null,
        workload_id: next() < 0.5 ? "wl-1" : null,
        deployment_id: next() < 0.5 ? pick(["dev", "prod"]) : null,
      }),
    );
  }
  const events: NewAuditEvent[] = [];
  const eventRun = traceKeyed ? traceId : runId;
  const nodes = ["plan", "act", "reflect", "answer"];
  for (let i = 0; i < 30; i += 1) {
    const type = pick(["token_enqueued", "token_dequeued", "token_dequeued", "node_failed", "node_completed"]);
    events.push({
      tenant_id: "default",
      run_id: eventRun,
      dedupe_key: `${eventRun}-${i}`,
      time_unix_nano: (base + BigInt(i) * 11n * MS + 3n).toString(),
      event_type: type,
      source_node: next() < 0.2 ? ENTRY_NODE : pick(nodes),
      target_node: next() < 0.1 ? null : pick([...nodes, "review"]),
      metadata: type === "node_failed" && next() < 0.5 ? { error: `failed ${i}` } : {},
    });
  }
  if (next() < 0.5) events.push({ tenant_id: "default", run_id: eventRun, dedupe_key: `${eventRun}-stop`, time_unix_nano: (base + 999n * MS).toString(), event_type: "runtime_stopped" });
  return { spans, events };
}

type Row = Record<string, unknown>;
async function rollUps(db: Kysely<DB>): Promise<Record<string, Row[]>> {
  const read = async (query: string) => (await sql<Row>`${sql.raw(query)}`.execute(db)).rows.map((row) => ({ ...row }));
  return {
    runs: await read(`select run_id, trace_id, service_name, workload_id, workload_name, workload_version, workload_logic_id,
      deployment_id, status, start_time_unix_nano, end_time_unix_nano, duration_ns, span_count, node_count, error_count,
      input_tokens, output_tokens, total_tokens, cost_usd, error_message from runs order by run_id`),
    run_nodes: await read(`select run_id, node_name, nodespec_id, role, activations, errors,
      duration_bins, duration_counts, duration_min_ns, duration_max_ns, tokens, cost_usd from run_nodes order by run_id, node_name`),
    run_models: await read(`select * from run_models order by run_id, model_vendor, model_name`),
    run_call_usage: await read(`select * from run_call_usage order by run_id, nodespec_id`),
    run_span_groups: await read(`select * from run_span_groups order by run_id, node_name, nodespec_id`),
    run_ledger_groups: await read(`select * from run_ledger_groups order by run_id, event_type, source_node, target_node`),
    workload_versions: await read(`select workload_name, logic_id, workload_id, version, first_seen_unix_nano, last_seen_unix_nano, run_count
      from workload_versions order by workload_name, logic_id`),
  };
}

describe.each(testBackends())("the incremental fold on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it.each([1, 2, 3])("equals a whole-run recompute after shuffled, re-delivered batches (seed %i)", async (seed) => {
    const db = handle.database.kysely;
    await sql`truncate spans, runs, audit_events, workload_versions, node_specs, run_nodes, run_models, run_call_usage, run_ledger_nodes, run_span_groups, run_ledger_groups`.execute(db);
    const next = random(seed);
    // Runs start a second apart: "the newest run" (a version's string) has no ties either.
    const rows = ["run-x", "run-y", "trace-z"].map((runId, i) => runRows(runId, next, i === 2, T0 + BigInt(i) * 1000n * MS));
    type Item = { span: NewSpan } | { event: NewAuditEvent };
    const items: Item[] = rows.flatMap((r) => [...r.spans.map((span) => ({ span })), ...r.events.map((event) => ({ event }))]);
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    let delivered = 0;
    while (delivered < items.length) {
      const size = 1 + Math.floor(next() * 15);
      const fresh = items.slice(delivered, delivered + size);
      // Some rows already stored come again, as a retried export would bring them.
      const again = delivered > 0 ? items.slice(Math.floor(next() * delivered)).slice(0, Math.floor(next() * 4)) : [];
      const part = [...fresh, ...again];
      const batch: WriteBatch = {
        spans: part.flatMap((item) => ("span" in item ? [{ ...item.span }] : [])),
        auditEvents: part.flatMap((item) => ("event" in item ? [item.event] : [])),
        graphs: [],
        nodeSpecs: [],
      };
      await writeBatch(db, batch, 0n);
      delivered += size;
    }
    const folded = await rollUps(db);
    const recomputed = await recomputedRollUps(db);
    expect(folded.runs!.length).toBe(3);
    expect(folded.run_nodes!.length).toBeGreaterThan(4);
    for (const table of Object.keys(folded)) expect({ table, rows: folded[table] }).toEqual({ table, rows: recomputed[table] });
    expect(folded.run_span_groups!.length).toBeGreaterThan(10);
    expect(folded.run_ledger_groups!.length).toBeGreaterThan(10);
  });

  it.each([4, 5])("serves the same run DAG from the roll-ups as from the stored rows (seed %i)", async (seed) => {
    const db = handle.database.kysely;
    await sql`truncate spans, runs, audit_events, workload_versions, node_specs, run_nodes, run_models, run_call_usage, run_ledger_nodes, run_span_groups, run_ledger_groups`.execute(db);
    const next = random(seed);
    const rows = ["run-x", "trace-z"].map((runId, i) => runRows(runId, next, i === 1, T0 + BigInt(i) * 1000n * MS));
    // Named spans under other named spans, one parent stored in another run of the trace.
    for (const [i, span] of rows[0]!.spans.entries()) if (i > 0 && next() < 0.6) span.parent_span_id = rows[0]!.spans[Math.floor(next() * i)]!.span_id;
    Object.assign(rows[1]!.spans[5]!, { trace_id: rows[0]!.spans[0]!.trace_id, parent_span_id: rows[0]!.spans[3]!.span_id, span_id: "e".repeat(16), node_name: "outside" });
    const items = rows.flatMap((r) => [...r.spans.map((span) => ({ span })), ...r.events.map((event) => ({ event }))]);
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    for (let at = 0; at < items.length; ) {
      const size = 1 + Math.floor(next() * 20);
      const part = [...items.slice(at, at + size), ...items.slice(Math.floor(next() * (at + 1))).slice(0, Math.floor(next() * 3))];
      at += size;
      await writeBatch(db, { spans: part.flatMap((item) => ("span" in item ? [{ ...item.span }] : [])), auditEvents: part.flatMap((item) => ("event" in item ? [item.event] : [])), graphs: [], nodeSpecs: [] }, 0n);
    }
    const runIds = (await db.selectFrom("runs").select("run_id").orderBy("run_id").execute()).map((r) => r.run_id);
    const fromRollUps = [];
    for (const runId of runIds) fromRollUps.push(await getRunDag(db, "default", runId));
    // Unfolded, the same runs are grouped from their rows.
    await sql`update runs set aggregate_inputs = null`.execute(db);
    const fromRows = [];
    for (const runId of runIds) fromRows.push(await getRunDag(db, "default", runId));
    const parentEdges = fromRollUps.flatMap((dag) => dag!.edges.filter((edge) => edge.kind === "parent"));
    expect(parentEdges.length).toBeGreaterThan(0);
    expect(parentEdges.some((edge) => edge.target === "outside")).toBe(true);
    expect(fromRollUps).toEqual(fromRows);
  });

  it("folds a run stored before folds existed whole, once, when it next grows", async () => {
    const db = handle.database.kysely;
    await sql`truncate spans, runs, audit_events, workload_versions, node_specs, run_nodes, run_models, run_call_usage, run_ledger_nodes, run_span_groups, run_ledger_groups`.execute(db);
    const { spans, events } = runRows("run-old", random(9), false, T0);
    await writeBatch(db, { spans: spans.slice(0, 30), auditEvents: events.slice(0, 20), graphs: [], nodeSpecs: [] }, 0n);
    // As the migration leaves such a run: no fold inputs, no call usage or ledger node rows.
    // The DAG groups stay as the migration backfilled them: the whole-run fold must replace, not add to, them.
    await sql`update runs set aggregate_inputs = null`.execute(db);
    await sql`truncate run_call_usage, run_ledger_nodes`.execute(db);
    await writeBatch(db, { spans: spans.slice(30), auditEvents: events.slice(20), graphs: [], nodeSpecs: [] }, 0n);
    const folded = await rollUps(db);
    expect(folded.runs).toMatchObject([{ run_id: "run-old", span_count: 40 }]);
    const recomputed = await recomputedRollUps(db);
    for (const table of Object.keys(folded)) expect({ table, rows: folded[table] }).toEqual({ table, rows: recomputed[table] });
  });

  it("folds each tenant's spans of one batch into its own groups, the same run id in both", async () => {
    const db = handle.database.kysely;
    await sql`truncate spans, runs, audit_events, workload_versions, node_specs, run_nodes, run_models, run_call_usage, run_ledger_nodes, run_span_groups, run_ledger_groups`.execute(db);
    await db.insertInto("tenants").values({ id: "fold-other", name: "Other" }).onConflict((oc) => oc.column("id").doNothing()).execute();
    const { spans } = runRows("run-shared", random(11), false, T0);
    const theirs = spans.slice(0, 7).map((span) => ({ ...span, tenant_id: "fold-other" }));
    await writeBatch(db, { spans: [...spans, ...theirs], auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
    const groups = async () => (await sql<Row>`select * from run_span_groups order by tenant_id, run_id, node_name, nodespec_id`.execute(db)).rows.map((row) => ({ ...row }));
    const folded = await groups();
    expect(new Set(folded.map((row) => row.tenant_id))).toEqual(new Set(["default", "fold-other"]));
    for (const tenantId of ["default", "fold-other"]) await recomputeDagRollups(db, tenantId, ["run-shared"]);
    expect(folded).toEqual(await groups());
  });
});

/** The roll-ups as the whole-run statements compute them from the stored rows. */
async function recomputedRollUps(db: Kysely<DB>): Promise<Record<string, Row[]>> {
  const runIds = (await db.selectFrom("runs").select("run_id").execute()).map((r) => r.run_id);
  await db.transaction().execute(async (trx) => {
      await recomputeRuns(trx, "default", runIds, 0n);
      await recomputeRunNodes(trx, "default", runIds);
      await recomputeRunModels(trx, "default", runIds);
      await recomputeDagRollups(trx, "default", runIds);
      // A version every run left keeps its row with no runs (recomputeVersions only writes versions that have runs).
      await sql`update workload_versions set run_count = 0`.execute(trx);
      await recomputeVersions(trx, "default", [
        { workloadName: "qa-agent", logicId: LOGIC_A },
        { workloadName: "qa-agent", logicId: LOGIC_B },
      ]);
    });
  return rollUps(db);
}
