import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { localPostgres } from "@/lib/db/testing/local-postgres";
import { postgresBackend, type TestDatabase } from "@/lib/db/testing/backends";
import { openAndMigrate } from "@/lib/runtime/bootstrap";
import { startCollector, type Collector } from "@/collector";
import { send, testCollectorConfig } from "@/collector/testing/collector-suite";
import { scriptedRunAudit, scriptedRunSpans } from "@/collector/testing/workflow-run";
import { expectedFigures, interleavedChunks, splitBetweenTwo, splitRun, SPLIT_MODEL, SPLIT_PRICE } from "@/collector/testing/split-delivery";

// Issue 19, past one machine: two collectors (as two `npm run collector` processes would be, each
// with its own spool and connection pool) on one PostgreSQL database receive the same two runs
// at once, half of each run through each, some exports through both. The roll-ups must come out
// exactly as the sent data says: the run, node and version locks make concurrent writers exact.

const server = await localPostgres();
if (server.unavailable) console.warn(`skipping the two-collector test: ${server.unavailable}`);

const ACTIVATIONS = 360;
const DRAIN_DEADLINE_MS = 30_000;
// Small exports: many transactions on each collector, so writers of one run overlap often.
const SPANS_PER_EXPORT = 10;

describe.skipIf(server.url === null)("two collectors on one PostgreSQL database", () => {
  let handle: TestDatabase;
  const databases: Database[] = [];
  const collectors: Collector[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    handle = await postgresBackend(server.url!).open({ migrated: false });
    // Both start as main.ts does, migrating the same fresh database at the same moment.
    const config = { databaseUrl: handle.url!, dataDir: os.tmpdir() };
    databases.push(...(await Promise.all([openAndMigrate(config), openAndMigrate(config)])));
    await handle.database.kysely
      .insertInto("price_overrides")
      .values({ tenant_id: "default", provider: null, model: SPLIT_MODEL, effective_from: "2000-01-01T00:00:00Z", input_usd_per_mtok: String(SPLIT_PRICE.inputUsdPerMtok), output_usd_per_mtok: String(SPLIT_PRICE.outputUsdPerMtok), cache_read_usd_per_mtok: null, cache_write_usd_per_mtok: null })
      .execute();
    for (const database of databases) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-two-collectors-"));
      folders.push(dir);
      collectors.push(await startCollector(testCollectorConfig({ spool: { dir, maxBytes: 256 * 1024 * 1024 }, runIdleSeconds: 3600 }), database));
    }
  });

  afterAll(async () => {
    await Promise.all(collectors.map((collector) => collector.close()));
    await Promise.all(databases.map((database) => database.close()));
    await handle?.dispose();
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores the same runs sent through both at once with exact run, node, model and version figures", async () => {
    const startMs = Date.now() - 60_000;
    const runs = [splitRun("split-a", ACTIVATIONS, startMs), splitRun("split-b", ACTIVATIONS, startMs + 5)];
    const spans = runs.map((run) => scriptedRunSpans(run));
    const audits = await Promise.all(runs.map((run) => scriptedRunAudit(run)));
    const spanLanes = splitBetweenTwo(interleavedChunks(spans[0]!, spans[1]!, SPANS_PER_EXPORT), 4);
    const logLanes = splitBetweenTwo(interleavedChunks(audits[0]!, audits[1]!, 30), 5);

    // Collector one hears OTLP/HTTP protobuf, collector two gRPC, as two fleets of exporters might.
    const [one, two] = collectors as [Collector, Collector];
    const httpUrl = (c: Collector, signal: string) => `http://127.0.0.1:${c.httpPort}/v1/${signal}`;
    const grpcUrl = (c: Collector) => `http://127.0.0.1:${c.grpcPort}`;
    const traceExporters = [new ProtoTraceExporter({ url: httpUrl(one, "traces") }), new GrpcTraceExporter({ url: grpcUrl(two) })];
    const logExporters = [new ProtoLogExporter({ url: httpUrl(one, "logs") }), new GrpcLogExporter({ url: grpcUrl(two) })];
    try {
      // Three exports in flight per exporter, spans and audit events at the same time.
      const lane = async <T>(exporter: { export: Parameters<typeof send<T>>[0]["export"] }, chunks: T[][]) => {
        const queue = [...chunks];
        const worker = async () => {
          for (let chunk = queue.shift(); chunk; chunk = queue.shift()) await send(exporter, chunk);
        };
        await Promise.all([worker(), worker(), worker()]);
      };
      await Promise.all([
        ...spanLanes.map((chunks, i) => lane<ReadableSpan>(traceExporters[i]!, chunks)),
        ...logLanes.map((chunks, i) => lane<ReadableLogRecord>(logExporters[i]!, chunks)),
      ]);
    } finally {
      await Promise.all([...traceExporters, ...logExporters].map((exporter) => exporter.shutdown()));
    }
    expect(spanLanes[0].length + spanLanes[1].length).toBeGreaterThan(interleavedChunks(spans[0]!, spans[1]!, SPANS_PER_EXPORT).length);

    // Acknowledged means spooled: wait until both spools are written out.
    const until = Date.now() + DRAIN_DEADLINE_MS;
    while (collectors.some((collector) => collector.backlog.stats().records > 0)) {
      if (Date.now() > until) throw new Error(`spools not drained within ${DRAIN_DEADLINE_MS} ms: ${collectors.map((c) => c.backlog.stats().records).join(", ")} records left`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(collectors.map((collector) => collector.backlog.stats().totals.deadLettered)).toEqual([0, 0]);

    const db = handle.database.kysely;
    for (const run of runs) {
      const expected = expectedFigures(run);
      const stored = await db.selectFrom("runs").selectAll().where("run_id", "=", run.runId).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        workload_name: "Split-Agent",
        workload_logic_id: run.logicId,
        status: expected.status,
        retried: expected.retried,
        span_count: expected.spanCount,
        error_count: expected.errorCount,
        node_count: Object.keys(expected.nodes).length,
        input_tokens: String(expected.inputTokens),
        output_tokens: String(expected.outputTokens),
        total_tokens: String(expected.inputTokens + expected.outputTokens),
      });
      expect(Number(stored.cost_usd)).toBeCloseTo(expected.costUsd, 6);

      const spanRows = await db.selectFrom("spans").select((eb) => eb.fn.countAll<string>().as("n")).where("run_id", "=", run.runId).executeTakeFirstOrThrow();
      expect(Number(spanRows.n)).toBe(expected.spanCount);
      const eventRows = await db.selectFrom("audit_events").select((eb) => eb.fn.countAll<string>().as("n")).where("run_id", "=", run.runId).executeTakeFirstOrThrow();
      expect(Number(eventRows.n)).toBe(expected.auditEvents);

      const nodes = await db.selectFrom("run_nodes").select(["node_name", "activations", "errors"]).where("run_id", "=", run.runId).execute();
      expect(Object.fromEntries(nodes.map((n) => [n.node_name, { activations: n.activations, errors: n.errors }]))).toEqual(expected.nodes);

      const models = await db.selectFrom("run_models").selectAll().where("run_id", "=", run.runId).execute();
      expect(models).toHaveLength(1);
      expect(models[0]).toMatchObject({ model_name: SPLIT_MODEL, calls: expected.llmCalls, input_tokens: String(expected.inputTokens), output_tokens: String(expected.outputTokens) });
      expect(Number(models[0]!.cost_usd)).toBeCloseTo(expected.costUsd, 6);
    }

    const versions = await db.selectFrom("workload_versions").selectAll().where("workload_name", "=", "Split-Agent").execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ logic_id: runs[0]!.logicId, version: "2.0.0", run_count: runs.length });
  });
});
