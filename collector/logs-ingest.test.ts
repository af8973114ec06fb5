import { context as otelContext, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { listRunLogs, runLogMarks } from "@/lib/logs/queries/run-logs";
import type { LogQuery } from "@/lib/logs/params";
import { collectorSuite, send } from "@/collector/testing/collector-suite";

// Issue 21: an OTel JS app's log records, sent by the SDK's own OTLP exporters over gRPC, HTTP
// protobuf and HTTP JSON, are stored (not only audit events) and found under their run: by the
// run id they carry, or by the trace of the span they were logged in, whether the span arrived
// before them or after. Re-delivery in any encoding stores nothing twice.

const RUN = "logs-run-1";
const query = (overrides: Partial<LogQuery> = {}): LogQuery => ({ limit: 500, cursor: null, severity: null, text: null, span: null, ...overrides });

describe.each(testBackends())("log records through the collector on $name", (backend) => {
  const suite = collectorSuite(backend);
  const grpcUrl = () => `http://127.0.0.1:${suite.collector.grpcPort}`;
  const httpUrl = (signal: string) => `http://127.0.0.1:${suite.collector.httpPort}/v1/${signal}`;

  it("stores an app's log lines under the spans they were logged in, before or after those spans arrive, once", async () => {
    const resource = resourceFromAttributes({ "service.name": "support-agent" });
    const spanCapture = new InMemorySpanExporter();
    const logCapture = new InMemoryLogRecordExporter();
    const traceExporter = new ProtoTraceExporter({ url: httpUrl("traces") });
    const logExporters = { grpc: new GrpcLogExporter({ url: grpcUrl() }), proto: new ProtoLogExporter({ url: httpUrl("logs") }), json: new JsonLogExporter({ url: httpUrl("logs") }) };
    const tracerProvider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: spanCapture }), new BatchSpanProcessor({ exporter: traceExporter })] });
    const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logCapture }), new BatchLogRecordProcessor({ exporter: logExporters.grpc })] });
    const tracer = tracerProvider.getTracer("codon_sdk", "0.1.0");
    const logger = loggerProvider.getLogger("support_agent.worker", "1.2.0");
    const runAttributes = { "codon.workload.name": "Support-Agent", "codon.workload.run_id": RUN };

    // Two Codon node spans, each the root of its own trace (as the Codon runtime starts them),
    // with log lines inside; one more line names the run itself; one belongs to no run.
    const nodes = ["planner", "call_model"].map((node) => tracer.startSpan(`codon.node.${node}`, { root: true, attributes: { ...runAttributes, "codon.node.name": node } }));
    const inSpan = (i: number) => trace.setSpan(otelContext.active(), nodes[i]!);
    const at = (i: number) => Date.now() - 1000 + i;
    logger.emit({ timestamp: at(1), context: inSpan(0), severityNumber: SeverityNumber.INFO, severityText: "INFO", body: "planning 3 steps", attributes: { step: 1 } });
    logger.emit({ timestamp: at(2), context: inSpan(1), severityNumber: SeverityNumber.WARN, severityText: "WARN", body: "rate limited, retrying", attributes: { attempt: 2, "http.request.resend_count": 1 } });
    logger.emit({ timestamp: at(3), context: inSpan(1), severityNumber: SeverityNumber.ERROR, body: { error: "timeout", after_ms: 30000 } });
    logger.emit({ timestamp: at(4), severityNumber: SeverityNumber.DEBUG, body: "run bookkeeping", attributes: { "codon.workload.run_id": RUN } });
    logger.emit({ timestamp: at(5), severityNumber: SeverityNumber.INFO, body: "worker idle" });

    // The log lines are exported while the spans are still open, as in a real app.
    await loggerProvider.forceFlush();
    for (const span of nodes) span.end();
    await tracerProvider.forceFlush();

    const db = suite.db();
    const lines = await listRunLogs(db, "default", RUN, query());
    expect(lines.logs.map((line) => line.body)).toEqual(["planning 3 steps", "rate limited, retrying", { error: "timeout", after_ms: 30000 }, "run bookkeeping"]);
    const [planning, retrying, failed] = lines.logs;
    const plannerSpan = nodes[0]!.spanContext();
    expect(planning).toMatchObject({
      severityNumber: 9,
      severityText: "INFO",
      traceId: plannerSpan.traceId,
      spanId: plannerSpan.spanId,
      serviceName: "support-agent",
      scopeName: "support_agent.worker",
      attributes: { step: 1 },
      resourceAttributes: expect.objectContaining({ "service.name": "support-agent" }),
    });
    expect(retrying?.attributes).toEqual({ attempt: 2, "http.request.resend_count": 1 });
    // No severity text sent: the level of its number.
    expect(failed?.severityText).toBe("ERROR");

    // Filters: one span's lines, a minimum level, text in the body, and pages that join up.
    const callModel = nodes[1]!.spanContext();
    expect((await listRunLogs(db, "default", RUN, query({ span: { traceId: callModel.traceId, spanId: callModel.spanId } }))).logs.map((l) => l.severityText)).toEqual(["WARN", "ERROR"]);
    expect((await listRunLogs(db, "default", RUN, query({ severity: "warn" }))).logs).toHaveLength(2);
    expect((await listRunLogs(db, "default", RUN, query({ node: "planner" }))).logs.map((l) => l.body)).toEqual(["planning 3 steps"]);
    expect((await listRunLogs(db, "default", RUN, query({ text: "RETRYING" }))).logs.map((l) => l.body)).toEqual(["rate limited, retrying"]);
    const first = await listRunLogs(db, "default", RUN, query({ limit: 3 }));
    expect(first.nextCursor).not.toBeNull();
    const rest = await listRunLogs(db, "default", RUN, query({ limit: 3, cursor: first.nextCursor }));
    expect([...first.logs, ...rest.logs].map((l) => l.id)).toEqual(lines.logs.map((l) => l.id));
    expect(rest.nextCursor).toBeNull();

    // The timeline's marks: the three lines logged in spans, not the one naming the run alone.
    const marks = await runLogMarks(db, "default", RUN);
    expect(marks.truncated).toBe(false);
    expect(marks.marks.map((mark) => [mark.spanId, mark.severityNumber])).toEqual([[plannerSpan.spanId, 9], [callModel.spanId, 13], [callModel.spanId, 17]]);
    expect((await runLogMarks(db, "default", RUN, 2)).truncated).toBe(true);

    // Re-delivered in every encoding: nothing new.
    const records: ReadableLogRecord[] = logCapture.getFinishedLogRecords();
    expect(records).toHaveLength(5);
    for (const exporter of Object.values(logExporters)) await send(exporter, records);
    const stored = await sql<{ n: string }>`select count(*)::text as n from log_records where tenant_id = 'default'`.execute(db);
    expect(stored.rows[0]?.n).toBe("5");
    const idle = await sql<{ run_key: string | null; service_name: string }>`select run_key, service_name from log_records where body = 'worker idle'`.execute(db);
    expect(idle.rows).toEqual([{ run_key: null, service_name: "support-agent" }]);
    expect(spanCapture.getFinishedSpans()).toHaveLength(2);

    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), ...Object.values(logExporters).map((e) => e.shutdown())]);
  });

  it("reports records without a time through partial success and stores the rest", async () => {
    const exporter = new JsonLogExporter({ url: httpUrl("logs") });
    const capture = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: capture })] });
    provider.getLogger("t").emit({ body: "kept", attributes: { "codon.workload.run_id": "logs-run-2" } });
    const [record] = capture.getFinishedLogRecords();
    // A record whose time and observed time are both zero, as a broken SDK might send, beside a good one.
    const response = await fetch(httpUrl("logs"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: "t" }, logRecords: [
          { timeUnixNano: "0", observedTimeUnixNano: "0", body: { stringValue: "no time" } },
          { timeUnixNano: "1764000000000000000", body: { stringValue: "kept over http" }, attributes: [{ key: "codon.workload.run_id", value: { stringValue: "logs-run-2" } }] },
        ] }] }],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ partialSuccess: { rejectedLogRecords: 1, errorMessage: expect.stringContaining("timeUnixNano or observedTimeUnixNano must be set") } });
    await send(exporter, [record!]);
    const lines = await listRunLogs(suite.db(), "default", "logs-run-2", query());
    expect(lines.logs.map((l) => l.body).sort()).toEqual(["kept", "kept over http"]);
    await Promise.all([exporter.shutdown(), provider.shutdown()]);
  });
});
