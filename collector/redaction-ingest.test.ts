import { context as otelContext, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPMetricExporter as JsonMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { setRedactionRules } from "@/lib/redaction/queries";
import type { RedactionRule } from "@/lib/redaction/types";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { researchWriterAgent } from "@/collector/testing/sdk-workloads";
import { startCodonTelemetry } from "@/sdk/otel";
import { verifyRunLedger } from "@/collector/ledger/verify";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { getRunNode } from "@/lib/runs/queries/run-spans";
import { listRunScores } from "@/lib/scores/run-scores";

// Issue 25: telemetry carrying an email, a card number and an API key, sent by real OTel
// exporters, is stored redacted on both backends (spans, log bodies, ledger payloads), each span
// counts what was redacted in it, and a run's ledger sealed over redacted payloads verifies.

const EMAIL = "ada.lovelace@example.com";
const CARD = "4111 1111 1111 1111";
const API_KEY = "sk-proj-Abcdefghijklmnopqrstuvwxyz012345";
const SECRET_TEXT = `refund ${EMAIL}, card ${CARD}, key ${API_KEY}`;
const RULES: RedactionRule[] = [
  { kind: "detector", detector: "email", action: "hash" },
  { kind: "detector", detector: "card", action: "mask" },
  { kind: "detector", detector: "secret", action: "mask" },
];

const raw = (text: string) => text.includes(EMAIL) || text.includes(CARD) || text.includes(API_KEY) || text.includes("4111111111111111");

describe.each(testBackends())("redaction at ingest on $name", (backend) => {
  const suite = collectorSuite(backend, {}, (db) => setRedactionRules(db, "default", RULES));
  const httpUrl = (signal: string) => `http://127.0.0.1:${suite.collector.httpPort}/v1/${signal}`;

  it("stores spans and log bodies masked, with each span's count, over gRPC and OTLP/JSON", async () => {
    const resource = resourceFromAttributes({ "service.name": "billing-agent" });
    const exporters = [new GrpcTraceExporter({ url: `http://127.0.0.1:${suite.collector.grpcPort}` }), new JsonTraceExporter({ url: httpUrl("traces") })];
    for (const [i, exporter] of exporters.entries()) {
      const provider = new TracerProvider({ resource, spanProcessors: [new BatchSpanProcessor({ exporter })] });
      const tracer = provider.getTracer("codon_sdk");
      const run = { "codon.workload.name": "Billing", "codon.workload.run_id": `redact-run-${i}` };
      tracer.startSpan("codon.node.refund", { root: true, attributes: { ...run, "codon.node.name": "refund", "codon.node.input": SECRET_TEXT, "customer.contact": EMAIL, "retries": 2 } }).end();
      tracer.startSpan("codon.node.clean", { root: true, attributes: { ...run, "codon.node.name": "clean", "codon.node.input": "nothing to hide" } }).end();
      await provider.forceFlush();
      await provider.shutdown();
    }
    const loggers = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: new JsonLogExporter({ url: httpUrl("logs") }) })] });
    loggers.getLogger("billing").emit({ severityNumber: SeverityNumber.INFO, body: `mailing ${EMAIL}`, attributes: { "codon.workload.run_id": "redact-run-0", card: CARD } });
    loggers.getLogger("billing").emit({ severityNumber: SeverityNumber.INFO, body: { to: EMAIL, note: "json body" }, attributes: { "codon.workload.run_id": "redact-run-0" } });
    await loggers.forceFlush();
    await loggers.shutdown();

    const spans = await suite.db().selectFrom("spans").select(["run_id", "node_name", "input_text", "attributes", "redacted_count"]).where("run_id", "like", "redact-run-%").orderBy("run_id").orderBy("node_name").execute();
    expect(spans.map((span) => [span.run_id, span.node_name, span.redacted_count])).toEqual([
      ["redact-run-0", "clean", 0], ["redact-run-0", "refund", 4],
      ["redact-run-1", "clean", 0], ["redact-run-1", "refund", 4],
    ]);
    for (const span of spans.filter((row) => row.node_name === "refund")) {
      expect(span.input_text).toMatch(/^refund \[HASHED:email:[0-9a-f]{16}\], card \[REDACTED:card\], key \[REDACTED:secret\]$/);
      // The same address hashes the same wherever it is: in the input and in an attribute.
      expect(span.input_text).toContain(String(span.attributes["customer.contact"]));
      expect(span.attributes.retries).toBe(2);
    }
    expect(spans.some((span) => raw(JSON.stringify(span)))).toBe(false);
    // What the run page shows: the run's total, and each activation's count in the node inspector.
    expect((await getRunDag(suite.db(), "default", "redact-run-0"))?.redactedValues).toBe(4);
    const refund = await getRunNode(suite.db(), "default", "redact-run-0", "refund");
    expect(refund?.activations.map((span) => span.redactedCount)).toEqual([4]);

    const logs = await suite.db().selectFrom("log_records").select(["body", "attributes"]).where("run_key", "=", "redact-run-0").orderBy("time_unix_nano").execute();
    expect(logs).toHaveLength(2);
    expect(logs[0]!.body).toMatch(/^mailing \[HASHED:email:[0-9a-f]{16}\]$/);
    expect(logs[0]!.attributes.card).toBe("[REDACTED:card]");
    expect(JSON.parse(logs[1]!.body!)).toEqual({ to: expect.stringMatching(/^\[HASHED:email:/), note: "json body" });
    expect(logs.some((log) => raw(JSON.stringify(log)))).toBe(false);
  });

  it("redacts span and event names, and leaves node names (what the DAG and its roll-ups are keyed by) as sent", async () => {
    const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "billing-agent" }), spanProcessors: [new BatchSpanProcessor({ exporter: new JsonTraceExporter({ url: httpUrl("traces") }) })] });
    const tracer = provider.getTracer("codon_sdk");
    const run = { "codon.workload.name": "Billing", "codon.workload.run_id": "redact-names" };
    const intake = tracer.startSpan("codon.node.intake", { root: true, attributes: run });
    const inIntake = trace.setSpan(otelContext.active(), intake);
    // A node named by its attributes: its span name is free text, and is redacted.
    const notify = tracer.startSpan(`notify ${EMAIL}`, { attributes: { ...run, "codon.nodespec.name": "notify" } }, inIntake);
    notify.addEvent(`mailed ${EMAIL}`, { card: CARD });
    notify.end();
    // A node named by its bare span name (the LangGraph adapter): the name is the node's identity, left as sent.
    tracer.startSpan(`escalate ${EMAIL}`, { attributes: run }, inIntake).end();
    intake.end();
    // A plain trace: each span is a node of its DAG, drawn by its (redacted) name.
    const plain = tracer.startSpan(`lookup ${EMAIL}`, { root: true });
    const plainRun = plain.spanContext().traceId;
    plain.end();
    await provider.forceFlush();
    await provider.shutdown();

    const spans = await suite.db().selectFrom("spans").select(["name", "node_name", "events", "redacted_count"]).where("run_id", "=", "redact-names").orderBy("node_name").execute();
    expect(spans.map((span) => [span.node_name, span.redacted_count])).toEqual([[`escalate ${EMAIL}`, 0], ["intake", 0], ["notify", 3]]);
    const [escalateRow, intakeRow, notifyRow] = spans;
    expect(intakeRow!.name).toBe("codon.node.intake");
    expect(notifyRow!.name).toMatch(/^notify \[HASHED:email:[0-9a-f]{16}\]$/);
    expect(notifyRow!.events).toEqual([expect.objectContaining({ name: expect.stringMatching(/^mailed \[HASHED:email:/), attributes: { card: "[REDACTED:card]" } })]);
    expect(raw(JSON.stringify(notifyRow))).toBe(false);
    expect(escalateRow!.name).toBe(`escalate ${EMAIL}`);

    // One node per node name in the roll-ups and the DAG: redaction split none of them.
    const nodesOf = async (table: "run_nodes" | "run_span_groups") =>
      (await suite.db().selectFrom(table).select("node_name").where("run_id", "=", "redact-names").execute()).map((row) => row.node_name).sort();
    const names = [`escalate ${EMAIL}`, "intake", "notify"];
    expect(await nodesOf("run_nodes")).toEqual(names);
    expect(await nodesOf("run_span_groups")).toEqual(names);
    const dag = await getRunDag(suite.db(), "default", "redact-names");
    expect(dag?.nodes.map((node) => node.name).sort()).toEqual(names);
    expect(dag?.edges.map((edge) => `${edge.source}->${edge.target}`)).toContain("intake->notify");
    expect(dag?.edges.every((edge) => names.includes(edge.source) && names.includes(edge.target))).toBe(true);
    // The run's total counts the name, the event's name and its attribute.
    expect(dag?.redactedValues).toBe(3);
    expect((await getRunNode(suite.db(), "default", "redact-names", "notify"))?.activations.map((span) => span.redactedCount)).toEqual([3]);

    const plainDag = await getRunDag(suite.db(), "default", plainRun);
    expect(plainDag?.nodes.map((node) => node.name)).toEqual([expect.stringMatching(/^lookup \[HASHED:email:[0-9a-f]{16}\]$/)]);
    expect(plainDag?.redactedValues).toBe(1);
  });

  it("redacts the comments of evaluation scores and the attribute values of metric series, keeping series apart", async () => {
    const resource = resourceFromAttributes({ "service.name": "billing-agent" });
    const provider = new TracerProvider({ resource, spanProcessors: [new BatchSpanProcessor({ exporter: new JsonTraceExporter({ url: httpUrl("traces") }) })] });
    const answer = provider.getTracer("codon_sdk").startSpan("codon.node.answer", { root: true, attributes: { "codon.workload.name": "Billing", "codon.workload.run_id": "redact-scores" } });
    answer.addEvent("gen_ai.evaluation.result", { "gen_ai.evaluation.name": "privacy", "gen_ai.evaluation.score.value": 0, "gen_ai.evaluation.explanation": `answer quotes ${EMAIL}` });
    answer.end();
    await provider.forceFlush();
    await provider.shutdown();
    const [score] = await listRunScores(suite.db(), "default", "redact-scores");
    expect(score?.comment).toMatch(/^answer quotes \[HASHED:email:[0-9a-f]{16}\]$/);
    const [span] = await suite.db().selectFrom("spans").select(["events", "redacted_count"]).where("run_id", "=", "redact-scores").execute();
    // The event the score was read from says the same: one key, one hash.
    expect(JSON.stringify(span!.events)).toContain(score!.comment!);
    expect(span!.redacted_count).toBe(1);

    const meters = new MeterProvider({ resource, readers: [new PeriodicExportingMetricReader({ exporter: new JsonMetricExporter({ url: httpUrl("metrics") }), exportIntervalMillis: 60_000 })] });
    const refunds = meters.getMeter("billing").createCounter("redaction.refunds");
    refunds.add(3, { customer: EMAIL, route: "/refund" });
    refunds.add(2, { customer: "grace.hopper@example.org", route: "/refund", card: CARD });
    // Shutting down exports once.
    await meters.shutdown();
    const series = await suite.db().selectFrom("metric_series").innerJoin("metric_points", (join) => join.onRef("metric_points.tenant_id", "=", "metric_series.tenant_id").onRef("metric_points.series_key", "=", "metric_series.series_key"))
      .select(["metric_series.attributes", "metric_series.resource_attributes", "metric_points.value"]).where("metric_name", "=", "redaction.refunds").orderBy("metric_points.value").execute();
    expect(series.map((row) => row.value)).toEqual([2, 3]);
    expect(series[0]!.attributes).toEqual({ customer: expect.stringMatching(/^\[HASHED:email:/), route: "/refund", card: "[REDACTED:card]" });
    expect(series[1]!.attributes).toEqual({ customer: expect.stringMatching(/^\[HASHED:email:/), route: "/refund" });
    expect(series[0]!.attributes.customer).not.toBe(series[1]!.attributes.customer);
    expect(series[0]!.resource_attributes["service.name"]).toBe("billing-agent");
    expect(series.some((row) => raw(JSON.stringify(row)) || JSON.stringify(row).includes("hopper"))).toBe(false);
  });

  it("redacts ledger payloads before they are stored, and the sealed chain verifies", async () => {
    const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${suite.collector.grpcPort}`, serviceName: "ledger-redaction" });
    try {
      await researchWriterAgent().execute(SECRET_TEXT, { runId: "redact-ledger", deploymentId: "prod", observer: telemetry.observer });
    } finally {
      const stats = await telemetry.shutdown();
      expect(stats.spans.failed + stats.logs.failed).toBe(0);
    }
    const events = await suite.db().selectFrom("audit_events").select(["metadata"]).where("run_id", "=", "redact-ledger").execute();
    expect(events.length).toBeGreaterThan(5);
    expect(events.some((event) => JSON.stringify(event.metadata).includes("[REDACTED:card]"))).toBe(true);
    expect(events.some((event) => raw(JSON.stringify(event.metadata)))).toBe(false);
    const spans = await suite.db().selectFrom("spans").select(["input_text", "output_text", "redacted_count"]).where("run_id", "=", "redact-ledger").execute();
    expect(spans.some((span) => span.redacted_count > 0)).toBe(true);
    expect(spans.some((span) => raw(`${span.input_text} ${span.output_text}`))).toBe(false);

    for (let pass = 0; pass < 4; pass++) await suite.collector.ledger.pass({ checkpoint: true });
    expect((await verifyRunLedger(suite.db(), "default", "redact-ledger")).status).toBe("verified");
  }, 60_000);
});
