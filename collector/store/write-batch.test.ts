import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewAuditEvent, NewSpan } from "@/lib/db/types";
import { closeIdleRuns } from "@/collector/store/run-aggregates";
import { writeBatch, type WriteBatch } from "@/collector/store/write-batch";
import { sketchOf } from "@/lib/stats/duration-sketch";
import { normalizeSpan } from "@/collector/normalize/span";
import { makeDecodedSpan } from "@/collector/normalize/testing";
import { listRunSpans } from "@/lib/runs/queries/run-spans";
import { extractNodeSpec } from "@/collector/normalize/node-spec";
import { SPEC_ATTRIBUTES_FIRST_BIT } from "@/lib/db/spec-attributes";

const T0 = 1_732_190_000_000_000_000n;
const SEC = 1_000_000_000n;
const LOGIC_A = "a".repeat(64);
const LOGIC_B = "b".repeat(64);
// A cutoff before every fixture time: the idle rule never closes these runs unless a test says so.
const NO_IDLE = 0n;

function nodeSpan(runId: string, node: string, i: number, extra: Partial<NewSpan> = {}): NewSpan {
  const start = T0 + BigInt(i) * SEC;
  return makeSpan({
    trace_id: `${runId.padEnd(8, "0").slice(0, 8)}${String(i).padStart(24, "0")}`,
    span_id: `${String(i + 1).padStart(16, "0")}`,
    run_id: runId,
    name: `codon.node.${node}`,
    node_name: node,
    workload_name: "qa-agent",
    workload_version: "0.1.0",
    workload_logic_id: LOGIC_A,
    deployment_id: "local",
    start_time_unix_nano: start.toString(),
    end_time_unix_nano: (start + SEC / 2n).toString(),
    duration_ns: (SEC / 2n).toString(),
    input_tokens: "100",
    output_tokens: "20",
    total_tokens: "120",
    ...extra,
  });
}

function event(runId: string, type: string, i: number, extra: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    tenant_id: "default",
    run_id: runId,
    dedupe_key: `${runId}-${type}-${i}`,
    time_unix_nano: (T0 + BigInt(i) * SEC).toString(),
    event_type: type,
    ...extra,
  };
}

const batch = (parts: Partial<WriteBatch>): WriteBatch => ({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [], ...parts });

describe.each(testBackends())("writeBatch on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const run = (runId: string) =>
    db().selectFrom("runs").selectAll().where("tenant_id", "=", "default").where("run_id", "=", runId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  beforeEach(async () => {
    await sql`truncate spans, runs, audit_events, workload_versions, node_specs, run_nodes`.execute(db());
  });

  it("folds a Codon run spread over three traces into one run", async () => {
    const spans = ["prompt_builder", "call_model", "finalize"].map((node, i) => nodeSpan("run-1", node, i));
    const result = await writeBatch(db(), batch({ spans }), NO_IDLE);
    expect(result).toEqual({ insertedSpans: 3, insertedEvents: 0, insertedLogRecords: 0, insertedMetricPoints: 0, insertedScores: 0, touchedRuns: 1, changedRuns: [{ tenantId: "default", runIds: ["run-1"] }] });
    expect(await run("run-1")).toMatchObject({
      status: "running",
      span_count: 3,
      node_count: 3,
      input_tokens: "300",
      output_tokens: "60",
      total_tokens: "360",
      start_time_unix_nano: T0.toString(),
      end_time_unix_nano: (T0 + 2n * SEC + SEC / 2n).toString(),
      duration_ns: (2n * SEC + SEC / 2n).toString(),
      workload_name: "qa-agent",
      workload_logic_id: LOGIC_A,
      deployment_id: "local",
    });
  });

  it("stores log records in statements of bounded size, each once however often they are written", async () => {
    // Each record repeats a ~600 KB resource: 12 of them need more than one 4 MiB statement.
    const resource = { "service.name": "big", blob: "r".repeat(600_000) };
    const logRecords = Array.from({ length: 12 }, (_, i) => ({
      tenant_id: "default",
      record_key: i.toString(16).padStart(32, "0"),
      run_key: "run-logs",
      time_unix_nano: (1_764_000_000_000_000_000n + BigInt(i)).toString(),
      severity_number: 9,
      body: `line ${i}`,
      resource_attributes: resource,
    }));
    expect((await writeBatch(db(), batch({ logRecords }), NO_IDLE)).insertedLogRecords).toBe(12);
    expect((await writeBatch(db(), batch({ logRecords }), NO_IDLE)).insertedLogRecords).toBe(0);
    const stored = await sql<{ n: string; blob: number }>`select count(*)::text as n, min(length(resource_attributes->>'blob')) as blob from log_records where run_key = 'run-logs'`.execute(db());
    expect(stored.rows[0]).toEqual({ n: "12", blob: 600_000 });
  });

  it("stores a metric series once and its points once, histogram buckets as arrays, whatever the batch repeats", async () => {
    const series = { tenant_id: "default", series_key: "ab".repeat(16), service_name: "api", metric_name: "latency", kind: "histogram" as const, unit: "ms", temporality: 2, first_seen_unix_nano: "100" };
    const point = (time: number) => ({ tenant_id: "default", series_key: series.series_key, time_unix_nano: String(time), start_time_unix_nano: "50", count: 3, sum: 7.5, bounds: [1, 2.5], bucket_counts: [1, 1, 1] });
    const metrics = { series: [series, series], points: [point(100), point(200)] };
    expect((await writeBatch(db(), batch({ metrics }), NO_IDLE)).insertedMetricPoints).toBe(2);
    expect((await writeBatch(db(), batch({ metrics: { series: [{ ...series, first_seen_unix_nano: "300", unit: "s" }], points: [point(200), point(300)] } }), NO_IDLE)).insertedMetricPoints).toBe(1);
    const stored = await db().selectFrom("metric_points").select(["time_unix_nano", "count", "sum", "bounds", "bucket_counts"]).where("series_key", "=", series.series_key).orderBy("time_unix_nano").execute();
    expect(stored.map((row) => [row.time_unix_nano, Number(row.count), row.sum, row.bounds, row.bucket_counts?.map(Number)])).toEqual([
      ["100", 3, 7.5, [1, 2.5], [1, 1, 1]],
      ["200", 3, 7.5, [1, 2.5], [1, 1, 1]],
      ["300", 3, 7.5, [1, 2.5], [1, 1, 1]],
    ]);
    // The series as first stored: a later batch does not rewrite it.
    expect(await db().selectFrom("metric_series").select(["unit", "first_seen_unix_nano"]).execute()).toEqual([{ unit: "ms", first_seen_unix_nano: "100" }]);
  });

  it("counts nothing twice when spans are re-delivered or arrive out of order", async () => {
    const spans = [0, 1, 2, 3].map((i) => nodeSpan("run-2", `n${i % 2}`, i));
    await writeBatch(db(), batch({ spans: [spans[3]!, spans[1]!] }), NO_IDLE);
    await writeBatch(db(), batch({ spans: [spans[0]!, spans[1]!] }), NO_IDLE);
    const again = await writeBatch(db(), batch({ spans }), NO_IDLE);
    await writeBatch(db(), batch({ spans: [spans[2]!] }), NO_IDLE);
    expect(again.insertedSpans).toBe(1);
    expect(await run("run-2")).toMatchObject({ span_count: 4, node_count: 2, input_tokens: "400", start_time_unix_nano: T0.toString() });
    const versions = await db().selectFrom("workload_versions").select(["logic_id", "run_count"]).execute();
    expect(versions).toEqual([{ logic_id: LOGIC_A, run_count: 1 }]);
  });

  it("keeps the per-node roll-up of each run as spans arrive in any order, re-delivered or late", async () => {
    const spans = [
      nodeSpan("run-n", "plan", 0, { nodespec_id: "plan-spec", duration_ns: "300" }),
      nodeSpan("run-n", "act", 1, { nodespec_id: "act-spec", duration_ns: "100", status_code: "error" }),
      nodeSpan("run-n", "plan", 2, { nodespec_id: "plan-spec", duration_ns: "200" }),
      // An LLM call inside act reporting usage of its own: folded into act.
      nodeSpan("run-n", "act", 3, { name: "agent.llm", node_name: null, nodespec_id: "act-spec", input_tokens: "7", output_tokens: "3", cost_usd: "0.5" }),
    ];
    await writeBatch(db(), batch({ spans: [spans[2]!, spans[1]!] }), NO_IDLE);
    await writeBatch(db(), batch({ spans }), NO_IDLE);
    const rows = await db()
      .selectFrom("run_nodes")
      .select(["node_name", "activations", "errors", "duration_bins", "duration_counts", "tokens", "cost_usd"])
      .where("run_id", "=", "run-n")
      .orderBy("node_name")
      .execute();
    const sketched = (durations: number[]) => ({ duration_bins: sketchOf(durations).bins, duration_counts: sketchOf(durations).counts });
    expect(rows.map((r) => ({ ...r, cost_usd: Number(r.cost_usd) }))).toEqual([
      // One activation: the sketch is implicit in its minimum (storedSketch).
      { node_name: "act", activations: 1, errors: 1, duration_bins: null, duration_counts: null, tokens: "130", cost_usd: 0.5 },
      { node_name: "plan", activations: 2, errors: 0, ...sketched([300, 200]), tokens: "240", cost_usd: 0 },
    ]);
  });

  it("adds only usage that is not repeated elsewhere", async () => {
    const spans = [
      nodeSpan("run-3", "call_model", 0),
      nodeSpan("run-3", "call_model", 1, { name: "agent.llm", node_name: null, counts_usage: false }),
    ];
    await writeBatch(db(), batch({ spans }), NO_IDLE);
    expect(await run("run-3")).toMatchObject({ span_count: 2, node_count: 1, input_tokens: "100", total_tokens: "120" });
  });

  it("marks a run failed with the first error, whatever else it shows", async () => {
    const spans = [
      nodeSpan("run-4", "a", 0),
      nodeSpan("run-4", "b", 2, { status_code: "error", status_message: "later failure" }),
      nodeSpan("run-4", "c", 1, { status_code: "error", status_message: "rate limited" }),
    ];
    await writeBatch(db(), batch({ spans, auditEvents: [event("run-4", "runtime_stopped", 5)] }), NO_IDLE);
    expect(await run("run-4")).toMatchObject({ status: "failed", error_count: 2, error_message: "rate limited" });

    await writeBatch(db(), batch({ auditEvents: [event("run-5", "node_failed", 1, { source_node: "tool", target_node: "tool", metadata: { error: "timeout" } })] }), NO_IDLE);
    expect(await run("run-5")).toMatchObject({ status: "failed", error_message: "timeout", span_count: 0, error_count: 1, node_count: 1 });
  });

  it("completes a run by ledger, by root span, or by the idle rule, and a late span reopens it", async () => {
    await writeBatch(db(), batch({ spans: [nodeSpan("run-6", "a", 0)], auditEvents: [event("run-6", "token_enqueued", 0)] }), NO_IDLE);
    expect((await run("run-6")).status).toBe("running");
    await writeBatch(db(), batch({ auditEvents: [event("run-6", "token_dequeued", 1)] }), NO_IDLE);
    expect((await run("run-6")).status).toBe("completed");

    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const child = makeSpan({ trace_id: traceId, span_id: "00f067aa0ba902b7", parent_span_id: "1111111111111111", run_id: traceId });
    await writeBatch(db(), batch({ spans: [child] }), NO_IDLE);
    expect((await run(traceId)).status).toBe("running");
    const root = makeSpan({ trace_id: traceId, span_id: "1111111111111111", parent_span_id: null, run_id: traceId });
    await writeBatch(db(), batch({ spans: [root] }), NO_IDLE);
    expect((await run(traceId)).status).toBe("completed");

    await writeBatch(db(), batch({ spans: [nodeSpan("run-7", "a", 0)] }), NO_IDLE);
    expect(await closeIdleRuns(db(), T0 + 10n * SEC)).toEqual([{ tenantId: "default", runId: "run-7" }]);
    expect((await run("run-7")).status).toBe("completed");
    await writeBatch(db(), batch({ spans: [nodeSpan("run-7", "b", 20)] }), T0 + 10n * SEC);
    expect((await run("run-7")).status).toBe("running");
    await writeBatch(db(), batch({ spans: [nodeSpan("run-7", "c", 21)] }), T0 + 60n * SEC);
    expect((await run("run-7")).status).toBe("completed");
  });

  it("keeps each version's run count and a static graph from definitions and ledger edges", async () => {
    await writeBatch(
      db(),
      batch({
        spans: [nodeSpan("v1-run", "planner", 0), nodeSpan("v2-run", "planner", 5, { workload_logic_id: LOGIC_B, workload_version: "0.2.0" })],
        graphs: [
          {
            tenantId: "default",
            workloadName: "qa-agent",
            logicId: LOGIC_A,
            workloadId: "qa-agent:0.1.0",
            version: "0.1.0",
            graph: { nodes: [{ name: "planner", role: "llm", nodespecId: "c".repeat(64) }, { name: "writer", role: null, nodespecId: null }], edges: [{ source: "planner", target: "writer" }] },
            seenUnixNano: T0,
          },
        ],
        auditEvents: [
          event("v1-run", "token_enqueued", 0, { source_node: "__entry__", target_node: "planner" }),
          event("v1-run", "token_enqueued", 1, { source_node: "planner", target_node: "reviewer" }),
        ],
      }),
      NO_IDLE,
    );
    await writeBatch(db(), batch({ spans: [nodeSpan("v1-run-b", "planner", 9)] }), NO_IDLE);
    const versions = await db()
      .selectFrom("workload_versions")
      .select(["logic_id", "version", "run_count", "graph", "first_seen_unix_nano", "last_seen_unix_nano"])
      .orderBy("logic_id")
      .execute();
    expect(versions.map((v) => [v.logic_id, v.version, v.run_count])).toEqual([
      [LOGIC_A, "0.1.0", 2],
      [LOGIC_B, "0.2.0", 1],
    ]);
    expect(versions[0]!.first_seen_unix_nano).toBe(T0.toString());
    expect(versions[0]!.graph).toEqual({
      nodes: [
        { name: "planner", role: "llm", nodespecId: "c".repeat(64) },
        { name: "writer", role: null, nodespecId: null },
        { name: "reviewer", role: null, nodespecId: null },
      ],
      edges: [
        { source: "planner", target: "writer" },
        { source: "planner", target: "reviewer" },
      ],
    });
  });

  it("adds ledger edges to the version graph even when the ledger arrived before the spans", async () => {
    await writeBatch(db(), batch({ auditEvents: [event("early", "token_enqueued", 1, { source_node: "planner", target_node: "writer" })] }), NO_IDLE);
    expect(await db().selectFrom("workload_versions").selectAll().execute()).toEqual([]);
    await writeBatch(db(), batch({ spans: [nodeSpan("early", "planner", 0)] }), NO_IDLE);
    const version = await db().selectFrom("workload_versions").select("graph").executeTakeFirstOrThrow();
    expect(version.graph.edges).toEqual([{ source: "planner", target: "writer" }]);
  });

  it("writes batches larger than one statement's parameter limit", async () => {
    // 3000 rows x ~25 columns is past PGlite's 32,767 and PostgreSQL's 65,534 parameters.
    const spans = Array.from({ length: 3000 }, (_, i) => nodeSpan(`big-${i % 300}`, `n${Math.floor(i / 300)}`, i, { input_text: "x".repeat(200) }));
    expect((await writeBatch(db(), batch({ spans }), NO_IDLE)).insertedSpans).toBe(3000);
    expect(await run("big-7")).toMatchObject({ span_count: 10, node_count: 10 });
  });

  it("stays exact when many writers add to one run at once", async () => {
    const spans = Array.from({ length: 40 }, (_, i) => nodeSpan("run-busy", `n${i % 5}`, i));
    // Ten concurrent batches, each re-sending a neighbour's spans too.
    await Promise.all(
      Array.from({ length: 10 }, (_, w) => writeBatch(db(), batch({ spans: [...spans.slice(w * 4, w * 4 + 4), ...spans.slice(((w + 1) % 10) * 4, ((w + 1) % 10) * 4 + 2)] }), NO_IDLE)),
    );
    expect(await run("run-busy")).toMatchObject({ span_count: 40, node_count: 5, input_tokens: "4000" });
    const version = await db().selectFrom("workload_versions").select("run_count").executeTakeFirstOrThrow();
    expect(version.run_count).toBe(1);
  });

  it("stores a payload attribute once, in its text column, and reads it back whole", async () => {
    const attributes = { "codon.workload.run_id": "run-payload", "codon.node.name": "plan", "codon.node.input": "what is 2+2?", "codon.node.output": "4" };
    const row = normalizeSpan(makeDecodedSpan({ name: "codon.node.plan", attributes }), { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } });
    await writeBatch(db(), batch({ spans: [row] }), NO_IDLE);
    const stored = await db().selectFrom("spans").select(["attributes", "column_attributes", "input_text", "output_text", "input_attribute", "output_attribute"]).where("run_id", "=", "run-payload").executeTakeFirstOrThrow();
    expect(stored).toEqual({
      // The run id is stored once too, in its column (bit 0 of lib/db/column-attributes.ts).
      attributes: { "codon.node.name": "plan" },
      column_attributes: 1,
      input_text: "what is 2+2?",
      output_text: "4",
      input_attribute: "codon.node.input",
      output_attribute: "codon.node.output",
    });
    const page = await listRunSpans(db(), "default", "run-payload", { full: true, limit: 10, cursor: null });
    expect(page.spans[0]).toMatchObject({ attributes, input: "what is 2+2?", output: "4" });
  });

  it("stores Codon's identity attributes once, in their columns, and reads every attribute back as received", async () => {
    const attributes = {
      "codon.workload.id": "qa-agent:0.1.0",
      "codon.workload.name": "qa-agent",
      "codon.workload.version": "0.1.0",
      "codon.workload.logic_id": "603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417",
      "codon.workload.run_id": "run-identity",
      "codon.workload.deployment_id": "prod",
      "codon.nodespec.id": "8b5c6a12",
      "codon.nodespec.name": "call_model",
      "codon.nodespec.role": "llm",
      "codon.model.vendor": "openai",
      "codon.model.id": "gpt-4o-mini",
      "codon.tokens.input": 12,
      "codon.node.latency_ms": 43,
    };
    const row = normalizeSpan(makeDecodedSpan({ name: "codon.node.call_model", attributes }), { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } });
    await writeBatch(db(), batch({ spans: [row] }), NO_IDLE);
    const stored = await db().selectFrom("spans").select(["attributes", "workload_logic_id", "model_name"]).where("run_id", "=", "run-identity").executeTakeFirstOrThrow();
    expect(stored.attributes).toEqual({ "codon.tokens.input": 12, "codon.node.latency_ms": 43 });
    expect(stored).toMatchObject({ workload_logic_id: attributes["codon.workload.logic_id"], model_name: "gpt-4o-mini" });
    const page = await listRunSpans(db(), "default", "run-identity", { full: true, limit: 10, cursor: null });
    expect(page.spans[0]).toMatchObject({ attributes });
    expect(Object.keys((page.spans[0] as { attributes: object }).attributes).sort()).toEqual(Object.keys(attributes).sort());
  });

  const specSpan = (runId: string, signature: string) => {
    const attributes = {
      "codon.workload.run_id": runId,
      "codon.nodespec.id": "c657086a302e9db957bc5e32fb50d0eba9f5db49bcd98d9755fe7e3e91d83298",
      "codon.nodespec.name": "finalize",
      "codon.nodespec.role": "postprocess",
      "codon.nodespec.version": "0.1.0",
      "codon.nodespec.callable_signature": signature,
      "codon.nodespec.input_schema": '{"message": "typing.Dict[str, typing.Any]"}',
      "codon.nodespec.model_name": 7, // not a string: stays in attributes whatever the spec says
      "codon.node.latency_ms": 12,
    };
    const decoded = makeDecodedSpan({ name: "codon.node.finalize", attributes, traceId: `${runId.padEnd(32, "0").slice(0, 32)}` });
    const row = normalizeSpan(decoded, { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } });
    return { attributes, row, spec: extractNodeSpec(decoded, {}, "default")! };
  };
  const readBack = async (runId: string) => (await listRunSpans(db(), "default", runId, { full: true, limit: 10, cursor: null })).spans[0] as { attributes: object };

  it("stores a node's spec attributes once, in node_specs, and reads them back as received", async () => {
    const { attributes, row, spec } = specSpan("run-spec", "finalize(message: Dict[str, Any], *, runtime, context)");
    await writeBatch(db(), batch({ spans: [row], nodeSpecs: [spec] }), NO_IDLE);
    const stored = await db().selectFrom("spans").select(["attributes", "column_attributes"]).where("run_id", "=", "run-spec").executeTakeFirstOrThrow();
    expect(stored.attributes).toEqual({ "codon.nodespec.model_name": 7, "codon.node.latency_ms": 12 });
    // version, callable_signature, input_schema: positions 0-2 of lib/db/spec-attributes.ts.
    expect(stored.column_attributes >> SPEC_ATTRIBUTES_FIRST_BIT).toBe(0b111);
    const span = await readBack("run-spec");
    expect(span.attributes).toEqual(attributes);
    expect(Object.keys(span.attributes).sort()).toEqual(Object.keys(attributes).sort());
  });

  it("keeps a spec attribute the stored spec does not hold (another sender's spec came first)", async () => {
    const first = specSpan("run-spec-first", "finalize(message: Dict[str, Any], *, runtime, context)");
    await writeBatch(db(), batch({ spans: [first.row], nodeSpecs: [first.spec] }), NO_IDLE);
    // The same spec id, with another signature.
    const { attributes, row, spec } = specSpan("run-spec-other", "finalize(message, *, runtime)");
    await writeBatch(db(), batch({ spans: [row], nodeSpecs: [spec] }), NO_IDLE);
    const stored = await db().selectFrom("spans").select(["attributes"]).where("run_id", "=", "run-spec-other").executeTakeFirstOrThrow();
    expect(stored.attributes).toEqual({ "codon.nodespec.callable_signature": "finalize(message, *, runtime)", "codon.nodespec.model_name": 7, "codon.node.latency_ms": 12 });
    const stillFirst = await db().selectFrom("node_specs").select("callable_signature").where("nodespec_id", "=", spec.nodespec_id).executeTakeFirstOrThrow();
    expect(stillFirst.callable_signature).toBe("finalize(message: Dict[str, Any], *, runtime, context)");
    expect((await readBack("run-spec-other")).attributes).toEqual(attributes);
  });
});
