import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { JsonTraceSerializer, ProtobufLogsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { afterAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { listRunLogs } from "@/lib/logs/queries/run-logs";
import { listMetrics } from "@/lib/metrics/queries/metric-list";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { listRunLedger } from "@/lib/runs/queries/run-spans";
import { serverRuntime } from "@/lib/runtime/registry";
import { startCodonTelemetry } from "@/sdk/otel";
import { RecordKind } from "@/collector/spool/frame";
import { Spool } from "@/collector/spool/spool";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { eventually } from "@/collector/testing/eventually";
import { encodeTraceRequest, makeCodonNodeSpans } from "@/collector/testing/otlp-payloads";
import { researchWriterAgent } from "@/collector/testing/sdk-workloads";

// The collector with its spool on, as `npm start` runs it: exports are acknowledged once on disk
// and reach the database through the drainer; what an earlier process left is replayed at start.

const folders: string[] = [];
const spoolFolder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-spool-ingest-"));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** An app's log lines naming `runId`, as the OTLP protobuf a logs export carries. */
function appLogExport(runId: string, lines: string[]): Uint8Array {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("app");
  lines.forEach((body, i) => logger.emit({ body, timestamp: Date.now() - 1000 + i, attributes: { "codon.workload.run_id": runId } }));
  return ProtobufLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())!;
}

/** A reader the test collects from by hand. */
class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** An app's counter, as the OTLP protobuf a metrics export carries. */
async function appMetricsExport(service: string): Promise<Uint8Array> {
  const reader = new ManualReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": service }), readers: [reader] });
  provider.getMeter("app").createCounter("jobs.done").add(3);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!;
}

const segments = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith("segment-"));

describe.each(testBackends())("ingest through the spool on $name", (backend) => {
  // A spool left by an earlier process: two acknowledged exports it never stored.
  const leftover = spoolFolder();
  const suite = collectorSuite(backend, { spool: { dir: leftover, maxBytes: 64 * 1024 * 1024 } }, async () => {
    const earlier = await Spool.open({ dir: leftover, maxBytes: 1 << 20 });
    await earlier.append(RecordKind.TracesProtobuf, "default", encodeTraceRequest(makeCodonNodeSpans(`replayed-proto-${backend.name}`)));
    const json = JsonTraceSerializer.serializeRequest(makeCodonNodeSpans(`replayed-json-${backend.name}`, ["plan", "act"]))!;
    await earlier.append(RecordKind.TracesJson, "default", json);
    await earlier.append(RecordKind.LogsProtobuf, "default", appLogExport(`replayed-logs-${backend.name}`, ["first line", "second line"]));
    await earlier.append(RecordKind.MetricsProtobuf, "default", await appMetricsExport(`replayed-metrics-${backend.name}`));
    await earlier.close();
  });
  const db = () => suite.db();

  it("replays what an earlier process acknowledged and did not store", async () => {
    const proto = await eventually(() => getRunDag(db(), "default", `replayed-proto-${backend.name}`), (dag) => dag !== null);
    expect(proto?.nodes.map((node) => node.name).sort()).toEqual(["call_model", "finalize", "prompt_builder"]);
    const json = await eventually(() => getRunDag(db(), "default", `replayed-json-${backend.name}`), (dag) => dag !== null);
    expect(json?.nodes.map((node) => node.name).sort()).toEqual(["act", "plan"]);
    const query = { limit: 10, cursor: null, severity: null, text: null, span: null };
    const logs = await eventually(() => listRunLogs(db(), "default", `replayed-logs-${backend.name}`, query), (page) => page.logs.length === 2);
    expect(logs.logs.map((line) => line.body)).toEqual(["first line", "second line"]);
    const metrics = await eventually(() => listMetrics(db(), "default", { service: `replayed-metrics-${backend.name}`, limit: 10, cursor: null }), (page) => page.metrics.length === 1);
    expect(metrics.metrics.map((metric) => [metric.name, metric.kind, metric.seriesCount])).toEqual([["jobs.done", "sum", 1]]);
    // Drained: the earlier process's segment is gone, only this one's own remains.
    await eventually(async () => segments(leftover).length, (count) => count === 1);
    expect(segments(leftover)).toHaveLength(1);
  });

  it.each(["grpc", "http/protobuf", "http/json"] as const)("stores an SDK run sent over %s after acknowledging it", async (protocol) => {
    const before = serverRuntime().ingestBacklog!.stats().totals;
    const endpoint = protocol === "grpc" ? `http://127.0.0.1:${suite.collector.grpcPort}` : `http://127.0.0.1:${suite.collector.httpPort}`;
    const telemetry = startCodonTelemetry({ protocol, endpoint, serviceName: "research-writer", orgNamespace: "acme" });
    const runId = `spooled-${protocol.replace("/", "-")}-${backend.name}`;
    await researchWriterAgent().execute("tidal power", { runId, deploymentId: "staging", observer: telemetry.observer });
    const stats = await telemetry.shutdown();
    expect(stats.spans).toEqual({ sent: 6, failed: 0, lastError: null });
    expect(stats.logs.failed).toBe(0);

    const activations = (dag: Awaited<ReturnType<typeof getRunDag>>) => Object.fromEntries((dag?.nodes ?? []).map((node) => [node.name, node.activations]));
    const dag = await eventually(() => getRunDag(db(), "default", runId), (found) => Object.values(activations(found)).reduce((sum, count) => sum + count, 0) === 5);
    expect(activations(dag)).toEqual({ planner: 1, writer: 2, reviewer: 2 });
    const ledger = await eventually(() => listRunLedger(db(), "default", runId, { limit: 100, cursor: null }), (page) => page.events.length === stats.logs.sent);
    expect(ledger.events).toHaveLength(stats.logs.sent);
    const backlog = await eventually(async () => serverRuntime().ingestBacklog!.stats(), (now) => now.records === 0);
    expect(backlog).toMatchObject({ spool: "on", records: 0, bytes: 0, oldestAgeSeconds: 0 });
    expect(backlog.totals.appended).toBeGreaterThan(before.appended);
    expect(backlog.totals.stored - before.stored).toBe(backlog.totals.appended - before.appended);
  });
});

describe.each(testBackends())("a full spool on $name", (backend) => {
  // Smaller than any export: every one is refused as the spool being full.
  const suite = collectorSuite(backend, { spool: { dir: spoolFolder(), maxBytes: 64 } });

  it("answers 429 with Retry-After over HTTP and UNAVAILABLE over gRPC, storing nothing", async () => {
    const body = encodeTraceRequest(makeCodonNodeSpans(`refused-${backend.name}`));
    const response = await fetch(`http://127.0.0.1:${suite.collector.httpPort}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: Buffer.from(body),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");

    const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${suite.collector.grpcPort}`, serviceName: "refused", orgNamespace: "acme" });
    await researchWriterAgent().execute("tidal power", { runId: `refused-grpc-${backend.name}`, deploymentId: "staging", observer: telemetry.observer });
    const stats = await telemetry.shutdown();
    expect(stats.spans.failed).toBe(6);
    expect(stats.spans.lastError).toMatch(/spool is full/i);

    // A raw gRPC call sees the RetryInfo trailer that says how long to wait.
    const client = new grpc.Client(`127.0.0.1:${suite.collector.grpcPort}`, grpc.credentials.createInsecure());
    const error = await new Promise<grpc.ServiceError | null>((resolve) =>
      client.makeUnaryRequest("/opentelemetry.proto.collector.trace.v1.TraceService/Export", (b: Buffer) => b, (b: Buffer) => b, Buffer.from(body), (err) => resolve(err)),
    );
    client.close();
    expect(error?.code).toBe(grpc.status.UNAVAILABLE);
    const details = error?.metadata.get("grpc-status-details-bin")[0];
    expect(Buffer.isBuffer(details) && details.includes(Buffer.from("google.rpc.RetryInfo"))).toBe(true);

    expect(await getRunDag(suite.db(), "default", `refused-${backend.name}`)).toBeNull();
    expect(serverRuntime().ingestBacklog!.stats().totals.refused).toBeGreaterThanOrEqual(2);
  });
});
