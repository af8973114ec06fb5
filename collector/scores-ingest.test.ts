import { context as otelContext, trace } from "@opentelemetry/api";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { listRunScores } from "@/lib/scores/run-scores";
import { collectorSuite } from "@/collector/testing/collector-suite";

// Issue 23: scores sent as the OTel GenAI evaluation event by the SDK's own exporters, as a span
// event on the judged span and as a log record in that span's context, are stored once each, on
// the right run and node, whether the log record comes before or after the run's spans.

const RUN = "scores-run-1";
const EVALUATION = "gen_ai.evaluation.result";

describe.each(testBackends())("GenAI evaluation events through the collector on $name", (backend) => {
  const suite = collectorSuite(backend);
  const httpUrl = (signal: string) => `http://127.0.0.1:${suite.collector.httpPort}/v1/${signal}`;
  const grpcUrl = () => `http://127.0.0.1:${suite.collector.grpcPort}`;

  it("stores span-event and log-record evaluations once, on the run and the judged node", async () => {
    const resource = resourceFromAttributes({ "service.name": "qa-agent" });
    const traceExporter = new ProtoTraceExporter({ url: httpUrl("traces") });
    const tracerProvider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: traceExporter })] });
    const logExporter = new GrpcLogExporter({ url: grpcUrl() });
    const loggerProvider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: logExporter })] });
    const tracer = tracerProvider.getTracer("codon_sdk", "0.1.0");
    const logger = loggerProvider.getLogger("evaluator", "1.0.0");
    const runAttributes = { "codon.workload.name": "QA-Agent", "codon.workload.run_id": RUN };

    const root = tracer.startSpan("agent.run", { root: true, attributes: runAttributes });
    const answer = tracer.startSpan("codon.node.answer", { attributes: { ...runAttributes, "codon.nodespec.name": "answer" } }, trace.setSpan(otelContext.active(), root));
    // An inline evaluator judges the node while it runs: a span event on its span.
    answer.addEvent(EVALUATION, { "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 0.8, "gen_ai.evaluation.score.label": "relevant", "gen_ai.evaluation.explanation": "cites the source" });
    answer.addEvent(EVALUATION, { "gen_ai.evaluation.name": "grounded", "gen_ai.evaluation.score.value": 1, "gen_ai.evaluation.score.label": "true" });
    // Not an evaluation: no name. Rejected alone, the span and the rest are kept.
    answer.addEvent(EVALUATION, { "gen_ai.evaluation.score.value": 3 });
    answer.end();
    root.end();
    await tracerProvider.forceFlush();

    // After the run: a judge scores the whole run (the root span's context) as a log record.
    logger.emit({ eventName: EVALUATION, context: trace.setSpan(otelContext.active(), root), attributes: { "event.name": EVALUATION, "codon.workload.run_id": RUN, "gen_ai.evaluation.name": "tone", "gen_ai.evaluation.score.label": "polite" } });
    await loggerProvider.forceFlush();

    const db = suite.db();
    const scores = await listRunScores(db, "default", RUN);
    const byName = Object.fromEntries(scores.map((score) => [score.name, score]));
    expect(Object.keys(byName).sort()).toEqual(["grounded", "relevance", "tone"]);
    expect(byName.relevance).toMatchObject({ dataType: "numeric", value: 0.8, label: "relevant", comment: "cites the source", source: "telemetry", nodeName: "answer", spanId: answer.spanContext().spanId });
    expect(byName.grounded).toMatchObject({ dataType: "boolean", value: 1, nodeName: "answer" });
    expect(byName.tone).toMatchObject({ dataType: "categorical", value: null, label: "polite", nodeName: null, spanId: root.spanContext().spanId });

    // The same spans and record delivered again, in another encoding, store nothing new.
    const again = new JsonLogExporter({ url: httpUrl("logs") });
    const replay = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: again })] });
    const tone = byName.tone!;
    replay.getLogger("evaluator", "1.0.0").emit({
      eventName: EVALUATION,
      timestamp: new Date(tone.time),
      context: trace.setSpan(otelContext.active(), root),
      attributes: { "event.name": EVALUATION, "codon.workload.run_id": RUN, "gen_ai.evaluation.name": "tone", "gen_ai.evaluation.score.label": "polite" },
    });
    await replay.forceFlush();
    await traceExporter.forceFlush();
    expect((await listRunScores(db, "default", RUN)).length).toBe(3);
    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), replay.shutdown()]);
  });

  it("puts a log-record evaluation that names only its trace on the right run, before or after the spans arrive", async () => {
    const resource = resourceFromAttributes({ "service.name": "late-agent" });
    const loggerProvider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: new JsonLogExporter({ url: httpUrl("logs") }) })] });
    const logger = loggerProvider.getLogger("evaluator");
    const capture: { spanId: string; traceId: string }[] = [];
    const tracerProvider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: new ProtoTraceExporter({ url: httpUrl("traces") }) })] });
    const tracer = tracerProvider.getTracer("codon_sdk");
    const attrs = { "codon.workload.name": "Late-Agent", "codon.workload.run_id": "late-run", "codon.nodespec.name": "draft" };
    // The span is started, scored by its trace context alone (no run id on the record), and only then exported.
    const early = tracer.startSpan("codon.node.draft", { root: true, attributes: attrs });
    capture.push({ spanId: early.spanContext().spanId, traceId: early.spanContext().traceId });
    logger.emit({ eventName: EVALUATION, context: trace.setSpan(otelContext.active(), early), attributes: { "gen_ai.evaluation.name": "quality", "gen_ai.evaluation.score.value": 2 } });
    await loggerProvider.forceFlush();
    const db = suite.db();
    const waiting = await db.selectFrom("scores").select(["run_id", "pending_trace"]).where("trace_id", "=", capture[0]!.traceId).execute();
    expect(waiting).toEqual([{ run_id: capture[0]!.traceId, pending_trace: true }]);
    early.end();
    await tracerProvider.forceFlush();
    await suite.collector.pendingScores.pass();
    const early_ = await listRunScores(db, "default", "late-run");
    expect(early_).toMatchObject([{ name: "quality", value: 2, nodeName: "draft", spanId: capture[0]!.spanId }]);

    // A record after its spans: resolved as it is stored.
    const late = tracer.startSpan("codon.node.draft", { root: true, attributes: { ...attrs, "codon.workload.run_id": "late-run-2" } });
    late.end();
    await tracerProvider.forceFlush();
    logger.emit({ eventName: EVALUATION, context: trace.setSpan(otelContext.active(), late), attributes: { "gen_ai.evaluation.name": "quality", "gen_ai.evaluation.score.value": 4 } });
    await loggerProvider.forceFlush();
    expect(await listRunScores(db, "default", "late-run-2")).toMatchObject([{ name: "quality", value: 4, nodeName: "draft" }]);
    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
  });
});
