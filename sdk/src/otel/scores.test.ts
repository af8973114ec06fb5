import { JsonLogsSerializer } from "@opentelemetry/otlp-transformer";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { NodeExecutionError } from "../errors";
import type { ExecutionReport } from "../report";
import { makeWorkload, rejectionOf, RUN, T0 } from "../testing";
import { CodonOtelObserver } from "./observer";

function recordingTelemetry(options: { graphSpan?: boolean } = {}) {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }).getTracer("t");
  const logger = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logs })] }).getLogger("t");
  const observer = new CodonOtelObserver({ tracer, logger, organizationId: "org-7", ...options });
  const scoreRecords = () => logs.getFinishedLogRecords().filter((record) => record.eventName === "gen_ai.evaluation.result");
  const span = (name: string) => spans.getFinishedSpans().filter((s) => s.name === name);
  return { observer, spans, scoreRecords, span };
}

/** retrieve → answer → check → answer → check: `answer` runs twice; `check` scores itself. */
function loopWorkload() {
  const made = makeWorkload();
  const { workload, clock } = made;
  workload.addNode((question: string, { runtime }) => {
    clock.advance(10);
    runtime.emit("answer", { question, round: 1 });
  }, { name: "retrieve", role: "retriever" });
  workload.addNode((draft: { question: string; round: number }, { runtime }) => {
    clock.advance(100);
    runtime.emit("check", draft);
  }, { name: "answer", role: "llm" });
  workload.addNode((draft: { question: string; round: number }, { runtime }) => {
    clock.advance(20);
    runtime.recordScore({ name: "grounded", value: draft.round > 1, explanation: `round ${draft.round}` });
    if (draft.round === 1) runtime.emit("answer", { ...draft, round: 2 });
  }, { name: "check", role: "critic" });
  workload.addEdge("retrieve", "answer").addEdge("answer", "check").addEdge("check", "answer");
  return made;
}

const hr = (ms: number) => [Math.floor(ms / 1000), (ms % 1000) * 1e6];

describe("scores from inside a node", () => {
  it("are gen_ai.evaluation.result events on the activation's span, at the run's time", async () => {
    const { observer, span } = recordingTelemetry();
    await loopWorkload().workload.execute("why?", { ...RUN, observer });

    const checks = span("codon.node.check");
    expect(checks.map((s) => s.events.map((event) => event.name))).toEqual([["gen_ai.evaluation.result"], ["gen_ai.evaluation.result"]]);
    const [first, second] = checks.map((s) => s.events[0]!);
    expect(first!.attributes).toEqual({
      "gen_ai.evaluation.name": "grounded",
      "gen_ai.evaluation.score.value": 0,
      "gen_ai.evaluation.score.label": "false",
      "gen_ai.evaluation.explanation": "round 1",
    });
    expect(second!.attributes).toMatchObject({ "gen_ai.evaluation.score.value": 1, "gen_ai.evaluation.score.label": "true" });
    // retrieve 10 ms, answer 100 ms, then check scores 20 ms in.
    expect(first!.time).toEqual(hr(T0 + 130));
    expect(span("codon.node.answer").every((s) => s.events.length === 0)).toBe(true);
  });
});

describe("CodonOtelObserver.recordScore after the run", () => {
  it("sends a score on the whole run as a log record in the agent.graph span's trace context", async () => {
    const { observer, span, scoreRecords } = recordingTelemetry();
    const { workload } = loopWorkload();
    const report = await workload.execute("why?", { ...RUN, observer });
    observer.recordScore(report, { name: "answer_quality", value: 0.75, explanation: "cites one source", id: "run-1:answer_quality", timestamp: T0 + 5000 });

    const [record] = scoreRecords();
    const graph = span("agent.graph")[0]!.spanContext();
    expect(record!.spanContext).toMatchObject({ traceId: graph.traceId, spanId: graph.spanId });
    expect(record!.attributes).toEqual({
      "event.name": "gen_ai.evaluation.result",
      "gen_ai.evaluation.name": "answer_quality",
      "gen_ai.evaluation.score.value": 0.75,
      "gen_ai.evaluation.explanation": "cites one source",
      "codon.score.id": "run-1:answer_quality",
      "agent.framework.name": "codon",
      "codon.organization.id": "org-7",
      "org.namespace": "acme",
      "codon.workload.id": "test-agent:1.0.0",
      "codon.workload.name": "Test Agent",
      "codon.workload.version": "1.0.0",
      "codon.workload.logic_id": workload.logicId,
      "codon.workload.run_id": "run-1",
      "codon.workload.deployment_id": "local",
    });
    expect(record!.hrTime).toEqual(hr(T0 + 5000));
    expect(record!.severityText).toBe("INFO");
    expect(observer.spanContexts(report)?.run).toEqual(graph);
  });

  it("sends a score on one activation in that activation span's trace context, chosen by step or by node", async () => {
    const { observer, span, scoreRecords } = recordingTelemetry();
    const report = await loopWorkload().workload.execute("why?", { ...RUN, observer });
    expect(report.activations.map((a) => `${a.step}:${a.node}`)).toEqual(["1:retrieve", "2:answer", "3:check", "4:answer", "5:check"]);

    observer.recordScore(report, { name: "relevance", label: "high", node: "retrieve" });
    observer.recordScore(report, { name: "helpful", value: false, step: 4 });
    const [byNode, byStep] = scoreRecords();
    const retrieve = span("codon.node.retrieve")[0]!.spanContext();
    const secondAnswer = span("codon.node.answer")[1]!.spanContext();
    expect(byNode!.spanContext).toMatchObject({ traceId: retrieve.traceId, spanId: retrieve.spanId });
    expect(byStep!.spanContext).toMatchObject({ traceId: secondAnswer.traceId, spanId: secondAnswer.spanId });
    expect(byNode!.attributes).toMatchObject({ "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.label": "high", "codon.workload.run_id": "run-1" });
    expect(byNode!.attributes).not.toHaveProperty("gen_ai.evaluation.score.value");
    expect(byStep!.attributes).toMatchObject({ "gen_ai.evaluation.score.value": 0, "gen_ai.evaluation.score.label": "false" });

    const contexts = observer.spanContexts(report)!;
    expect([...contexts.activations.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(contexts.activations.get(4)).toEqual(secondAnswer);
  });

  it("puts eventName, the attributes and the trace context on the OTLP wire", async () => {
    const { observer, span, scoreRecords } = recordingTelemetry();
    const report = await loopWorkload().workload.execute("why?", { ...RUN, observer });
    observer.recordScore(report, { name: "answer_quality", value: 0.5, step: 3, timestamp: new Date(T0 + 9000) });
    const wire = JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(scoreRecords() as ReadableLogRecord[]))) as {
      resourceLogs: { scopeLogs: { logRecords: Record<string, unknown>[] }[] }[];
    };
    const record = wire.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    const check = span("codon.node.check")[0]!.spanContext();
    expect(record).toMatchObject({ eventName: "gen_ai.evaluation.result", traceId: check.traceId, spanId: check.spanId, timeUnixNano: String((T0 + 9000) * 1e6) });
    const attributes = record.attributes as { key: string; value: Record<string, unknown> }[];
    expect(attributes.find((a) => a.key === "gen_ai.evaluation.score.value")!.value).toEqual({ doubleValue: 0.5 });
    expect(attributes.find((a) => a.key === "event.name")!.value).toEqual({ stringValue: "gen_ai.evaluation.result" });
  });

  it("scores a failed run; without the graph span a run score carries no trace context", async () => {
    const { observer, scoreRecords } = recordingTelemetry({ graphSpan: false });
    const { workload } = makeWorkload();
    workload.addNode(() => {
      throw new Error("tool down");
    }, { name: "tool", role: "tool" });
    const error = await rejectionOf(workload.execute("q", { ...RUN, observer }));
    const report = (error as NodeExecutionError).report;
    observer.recordScore(report, { name: "answer_quality", value: 0 });
    observer.recordScore(report, { name: "answer_quality", value: 0, node: "tool" });
    const [run, node] = scoreRecords();
    expect(run!.spanContext).toBeUndefined();
    expect(run!.attributes["codon.workload.run_id"]).toBe("run-1");
    expect(node!.spanContext?.spanId).toBe(observer.spanContexts(report)!.activations.get(1)!.spanId);
  });

  it("rejects an invalid score, an unknown activation and a run it did not see, sending nothing", async () => {
    const { observer, scoreRecords } = recordingTelemetry();
    const report = await loopWorkload().workload.execute("why?", { ...RUN, observer });
    const attempts: Array<[() => void, string]> = [
      [() => observer.recordScore(report, { name: "" }), "recordScore() on run run-1: name must be a non-empty string"],
      [() => observer.recordScore(report, { name: "q", value: Infinity }), "value must be a finite number or a boolean, got Infinity"],
      [() => observer.recordScore(report, { name: "q", value: 1, step: 9 }), "no activation has step 9 (the run has 5)"],
      [() => observer.recordScore(report, { name: "q", value: 1, node: "answer" }), "node 'answer' ran 2 times (steps 2, 4); give step"],
      [() => observer.recordScore(report, { name: "q", value: 1, node: "nope" }), "node 'nope' did not run"],
      [() => observer.recordScore(report, { name: "q", value: 1, node: "check", step: 2 }), "step 2 is an activation of 'answer', not 'check'"],
      [() => observer.recordScore(report, { name: "q", value: 1, timestamp: Number.NaN }), "timestamp must be epoch milliseconds or a valid Date"],
      [() => observer.recordScore({ ...report } as ExecutionReport, { name: "q", value: 1 }), "this observer did not export that run"],
    ];
    for (const [attempt, message] of attempts) {
      expect(attempt).toThrow(TypeError);
      expect(attempt).toThrow(message);
    }
    expect(scoreRecords()).toEqual([]);
  });
});
