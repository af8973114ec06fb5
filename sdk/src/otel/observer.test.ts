import { SpanStatusCode } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { NodeExecutionError } from "../errors";
import { makeWorkload, RUN, T0 } from "../testing";
import { CodonOtelObserver } from "./observer";

function recordingTelemetry() {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const resource = resourceFromAttributes({ "service.name": "test-agent" });
  const tracerProvider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
  const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
  const observer = new CodonOtelObserver({ tracer: tracerProvider.getTracer("t"), logger: loggerProvider.getLogger("t"), organizationId: "org-7" });
  return { observer, spans, logs };
}

/** question → call_model (LLM, 120 ms, two calls) → finish; the graph also has an unused node. */
function qaWorkload() {
  const made = makeWorkload();
  const { workload, clock } = made;
  workload.addNode(
    (question: string, { runtime }) => {
      clock.advance(120);
      runtime.recordUsage({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 100, outputTokens: 20, cacheReadTokens: 40 });
      runtime.recordUsage({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 50, outputTokens: 10 });
      runtime.recordEvent("retrieved", { documents: 3 });
      runtime.emit("finish", question.toUpperCase());
      return { answer: "42" };
    },
    { name: "call_model", role: "llm", modelName: "gpt-4o-mini", modelVersion: "2024-07-18" },
  );
  workload.addNode((text: string) => {
    clock.advance(5);
    return `final: ${text}`;
  }, { name: "finish", role: "postprocess" });
  workload.addNode(() => "never", { name: "unused", role: "tool" });
  workload.addEdge("call_model", "finish");
  return made;
}

describe("CodonOtelObserver", () => {
  it("exports one root span per activation with the Codon attributes", async () => {
    const { observer, spans } = recordingTelemetry();
    const { workload } = qaWorkload();
    await workload.execute("why?", { ...RUN, deploymentId: "prod-eu", observer, entryNodes: ["call_model"] });

    const nodeSpans = spans.getFinishedSpans().filter((span) => span.name.startsWith("codon.node."));
    expect(nodeSpans.map((span) => span.name)).toEqual(["codon.node.call_model", "codon.node.finish"]);
    for (const span of nodeSpans) expect(span.parentSpanContext).toBeUndefined();
    expect(new Set(nodeSpans.map((span) => span.spanContext().traceId)).size).toBe(2);

    const [model, finish] = nodeSpans;
    const spec = workload.nodeSpec("call_model")!;
    expect(model!.attributes).toMatchObject({
      "agent.framework.name": "codon",
      "codon.organization.id": "org-7",
      "org.namespace": "acme",
      "codon.workload.id": "test-agent:1.0.0",
      "codon.workload.name": "Test Agent",
      "codon.workload.version": "1.0.0",
      "codon.workload.logic_id": workload.logicId,
      "codon.workload.run_id": "run-1",
      "codon.workload.deployment_id": "prod-eu",
      "codon.nodespec.id": spec.id,
      "codon.nodespec.name": "call_model",
      "codon.nodespec.role": "llm",
      "codon.nodespec.version": "0.1.0",
      "codon.nodespec.callable_signature": spec.callableSignature,
      "codon.nodespec.input_schema": "{}",
      "codon.nodespec.model_name": "gpt-4o-mini",
      "codon.nodespec.model_version": "2024-07-18",
      "codon.node.input": "why?",
      "codon.node.output": '{"answer":"42"}',
      "codon.node.latency_ms": 120,
      "codon.node.status_code": "OK",
      "codon.tokens.input": 150,
      "codon.tokens.output": 30,
      "codon.tokens.total": 180,
      "codon.model.vendor": "openai",
      "codon.model.id": "gpt-4o-mini-2024-07-18",
      "gen_ai.usage.cache_read.input_tokens": 40,
    });
    expect(JSON.parse(String(model!.attributes["codon.tokens.usage_json"]))).toEqual([
      { model: "gpt-4o-mini-2024-07-18", input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 40 },
      { model: "gpt-4o-mini-2024-07-18", input_tokens: 50, output_tokens: 10 },
    ]);
    expect(JSON.parse(String(model!.attributes["codon.node.raw_attributes_json"]))).toMatchObject({ step: 1, origin: "__entry__", lineage: [] });
    expect(model!.status.code).toBe(SpanStatusCode.OK);
    // Span times are the run's clock, not the wall clock: what makes replays and backdated demos exact.
    expect(model!.startTime).toEqual([Math.floor(T0 / 1000), (T0 % 1000) * 1e6]);
    expect(model!.endTime).toEqual([Math.floor((T0 + 120) / 1000), ((T0 + 120) % 1000) * 1e6]);

    expect(finish!.attributes["codon.node.input"]).toBe("WHY?");
    expect(finish!.attributes["codon.node.latency_ms"]).toBe(5);
    expect(finish!.attributes).not.toHaveProperty("codon.tokens.input");
    expect(finish!.attributes).not.toHaveProperty("codon.nodespec.model_name");
  });

  it("sends the static graph, unfired nodes included, as an agent.graph span", async () => {
    const { observer, spans } = recordingTelemetry();
    const { workload } = qaWorkload();
    await workload.execute("why?", { ...RUN, observer, entryNodes: ["call_model"] });
    const graph = spans.getFinishedSpans().find((span) => span.name === "agent.graph")!;
    expect(graph.attributes).toMatchObject({ "codon.workload.run_id": "run-1", "codon.graph.node_count": 3, "codon.graph.edge_count": 1 });
    const definition = JSON.parse(String(graph.attributes["codon.graph.definition_json"])) as unknown;
    expect(definition).toEqual({
      nodes: ["call_model", "finish", "unused"].map((name) => ({ name, role: workload.nodeSpec(name)!.role, nodespec_id: workload.nodeSpec(name)!.id })),
      edges: [{ source: "call_model", target: "finish" }],
    });
    expect(graph.attributes["codon.graph.definition_hash"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("exports the ledger as codon.audit.* log records, tied to the activation's span", async () => {
    const { observer, spans, logs } = recordingTelemetry();
    const { workload } = qaWorkload();
    const report = await workload.execute("why?", { ...RUN, observer, entryNodes: ["call_model"] });

    const records = logs.getFinishedLogRecords();
    expect(records.map((record) => record.eventName)).toEqual(report.ledger.map((event) => `codon.audit.${event.event_type}`));
    const enqueueToFinish = records.find(
      (record) => record.eventName === "codon.audit.token_enqueued" && record.attributes["codon.audit.target_node"] === "finish",
    )!;
    const modelSpan = spans.getFinishedSpans().find((span) => span.name === "codon.node.call_model")!;
    expect(enqueueToFinish.attributes).toMatchObject({
      "codon.workload.run_id": "run-1",
      "codon.workload.logic_id": workload.logicId,
      "codon.audit.source_node": "call_model",
      "codon.audit.target_node": "finish",
      "codon.audit.lineage": ["call_model"],
    });
    expect(enqueueToFinish.attributes["codon.audit.parent_token_id"]).toBe(report.activations[0]!.tokenId);
    expect(enqueueToFinish.spanContext?.spanId).toBe(modelSpan.spanContext().spanId);

    const custom = records.find((record) => record.eventName === "codon.audit.retrieved")!;
    expect(JSON.parse(String(custom.attributes["codon.audit.metadata_json"]))).toEqual({ documents: 3 });
    const seed = records[0]!;
    expect(seed.attributes["codon.audit.source_node"]).toBe("__entry__");
    expect(seed.attributes).not.toHaveProperty("codon.audit.parent_token_id");
    expect(seed.hrTime).toEqual([Math.floor(T0 / 1000), (T0 % 1000) * 1e6]);
  });

  it("marks a failed node's span as an error, with its message and the exception", async () => {
    const { observer, spans, logs } = recordingTelemetry();
    const { workload, clock } = makeWorkload();
    workload.addNode(() => {
      clock.advance(30);
      throw new TypeError("search API returned 503");
    }, { name: "search", role: "tool" });
    await expect(workload.execute("q", { ...RUN, observer })).rejects.toBeInstanceOf(NodeExecutionError);

    const span = spans.getFinishedSpans().find((s) => s.name === "codon.node.search")!;
    expect(span.attributes).toMatchObject({
      "codon.node.status_code": "ERROR",
      "codon.node.error_message": "TypeError: search API returned 503",
      "codon.node.output": "",
      "codon.node.latency_ms": 30,
    });
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "search API returned 503" });
    expect(span.events.map((event) => event.name)).toEqual(["exception"]);
    const failed = logs.getFinishedLogRecords().find((record) => record.eventName === "codon.audit.node_failed")!;
    expect(failed.severityText).toBe("ERROR");
    expect(failed.spanContext?.spanId).toBe(span.spanContext().spanId);
  });

  it("can leave out the graph span and the log records", async () => {
    const spans = new InMemorySpanExporter();
    const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }).getTracer("t");
    const { workload } = qaWorkload();
    await workload.execute("why?", { ...RUN, observer: new CodonOtelObserver({ tracer, graphSpan: false }), entryNodes: ["call_model"] });
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual(["codon.node.call_model", "codon.node.finish"]);
  });
});
