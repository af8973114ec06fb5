import { describe, expect, it } from "vitest";
import type { DecodedTraceRequest } from "@/collector/decode/model";
import { normalizeLogs, normalizeTraces } from "@/collector/normalize";
import { isJsonSafe, replaceNul } from "@/collector/normalize/sanitize";
import {
  BASE_TIME,
  DEFAULT_SCOPE,
  makeDecodedSpan,
  makeLogRecord,
  makeLogsRequest,
  makeSpanEvent,
  makeTraceRequest,
  spanIdOf,
  TENANT,
  traceIdOf,
} from "@/collector/normalize/testing";

const INT8_SPAN_COLUMNS = [
  "start_time_unix_nano",
  "end_time_unix_nano",
  "duration_ns",
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
] as const;

function richExport(): DecodedTraceRequest {
  const node = makeDecodedSpan({
    name: "codon.node.call_model",
    attributes: {
      "codon.workload.run_id": "run-json",
      "codon.workload.name": "QA-Agent",
      "codon.workload.logic_id": "L",
      "codon.nodespec.id": "N",
      "codon.tokens.input": "9223372036854775000",
      "codon.tokens.output": 700,
      "gen_ai.usage.cache_read.input_tokens": 5,
      "gen_ai.usage.cache_creation.input_tokens": "6",
      "gen_ai.usage.cost": 1e-7,
      "codon.node.input": { message: "hi" },
      big: "12345678901234567890",
    },
    events: [makeSpanEvent("codon.audit.node_completed", { "codon.audit.metadata_json": "{}" })],
    links: [{ traceId: traceIdOf(2), spanId: spanIdOf(2), traceState: "", attributes: {} }],
  });
  const graph = makeDecodedSpan({
    spanId: spanIdOf(2),
    name: "agent.graph",
    attributes: { "codon.graph.definition_json": '{"nodes":[{"name":"call_model"}],"edges":[]}' },
  });
  return {
    resourceSpans: [
      {
        resource: { "service.name": "svc", "codon.workload.name": "QA-Agent", "codon.workload.logic_id": "L" },
        scopeSpans: [{ scope: DEFAULT_SCOPE, spans: [node] }],
      },
      { resource: { "service.name": "other" }, scopeSpans: [{ scope: DEFAULT_SCOPE, spans: [graph] }, { scope: DEFAULT_SCOPE, spans: [] }] },
    ],
  };
}

describe("normalized output is ready for the store", () => {
  it("walks every resource and scope of an export", () => {
    const result = normalizeTraces(richExport(), TENANT);
    expect(result.spans.map((row) => row.service_name)).toEqual(["svc", "other"]);
    expect(result.auditEvents).toHaveLength(1);
    expect(result.nodeSpecs).toHaveLength(1);
    expect(result.graphs).toHaveLength(0);
  });

  it("produces JSON-safe rows whose int8 columns are decimal strings", () => {
    const result = normalizeTraces(richExport(), TENANT);
    const logs = normalizeLogs(
      makeLogsRequest([makeLogRecord({ eventName: "codon.audit.custom", traceId: traceIdOf(3), spanId: spanIdOf(3) })]),
      TENANT,
    );
    const rows = [...result.spans, ...result.auditEvents, ...result.nodeSpecs, ...logs.auditEvents];
    for (const row of rows) {
      expect(() => JSON.stringify(row)).not.toThrow();
      expect(isJsonSafe(row)).toBe(true);
    }
    const [span] = result.spans;
    for (const column of INT8_SPAN_COLUMNS) expect(typeof span?.[column]).toBe("string");
    expect(span).toMatchObject({
      input_tokens: "9223372036854775000",
      output_tokens: "700",
      total_tokens: "9223372036854775700",
      cache_read_tokens: "5",
      cache_write_tokens: "6",
      cost_usd: "0.0000001",
      input_text: '{"message":"hi"}',
      start_time_unix_nano: BASE_TIME.toString(),
    });
    for (const event of [...result.auditEvents, ...logs.auditEvents]) expect(typeof event.time_unix_nano).toBe("string");
    for (const graph of result.graphs) expect(isJsonSafe(graph.graph)).toBe(true);
  });

  it("keeps a __proto__ attribute key as data", () => {
    const attributes = JSON.parse('{"__proto__":{"x":1},"a":"\\u0000"}') as Record<string, never>;
    const cleaned = replaceNul(attributes);
    expect(Object.keys(cleaned)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(cleaned)).toBe('{"__proto__":{"x":1},"a":"\uFFFD"}');
  });

  it("handles empty exports", () => {
    expect(normalizeTraces({ resourceSpans: [] }, TENANT)).toEqual({
      spans: [],
      auditEvents: [],
      scores: [],
      graphs: [],
      nodeSpecs: [],
      rejected: { count: 0, messages: [] },
    });
    expect(normalizeLogs({ resourceLogs: [] }, TENANT)).toEqual({ auditEvents: [], logRecords: [], scores: [], rejected: { count: 0, messages: [] } });
  });
});

describe("GenAI evaluation events", () => {
  const evaluation = (attributes: Record<string, string | number>) => makeSpanEvent("gen_ai.evaluation.result", attributes);

  it("turn into scores on the span's run; an invalid one is dropped with a warning and its span kept", () => {
    const span = makeDecodedSpan({
      attributes: { "codon.workload.run_id": "run-e", "codon.nodespec.name": "answer" },
      events: [evaluation({ "gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 0.5 }), evaluation({ "gen_ai.evaluation.score.value": 1 })],
    });
    const out = normalizeTraces(makeTraceRequest([span]), TENANT);
    expect(out.spans).toHaveLength(1);
    expect(out.scores).toMatchObject([{ run_id: "run-e", trace_id: span.traceId, span_id: span.spanId, name: "relevance", value: 0.5, time_unix_nano: (BASE_TIME + 10n).toString() }]);
    expect(out.rejected.count).toBe(0);
    expect(out.rejected.messages).toEqual([`span ${span.spanId} in trace ${span.traceId}: gen_ai.evaluation.result event dropped (the span was kept): gen_ai.evaluation.name must be a non-empty string`]);
  });

  it("as log records name their run, or wait for their trace's run when they name none; the same record twice is one score", () => {
    const named = makeLogRecord({ eventName: "gen_ai.evaluation.result", attributes: { "codon.workload.run_id": "run-l", "gen_ai.evaluation.name": "tone", "gen_ai.evaluation.score.label": "polite" } });
    const byTrace = makeLogRecord({ traceId: traceIdOf(7), spanId: spanIdOf(7), attributes: { "event.name": "gen_ai.evaluation.result", "gen_ai.evaluation.name": "quality", "gen_ai.evaluation.score.value": 3 } });
    const noRun = makeLogRecord({ eventName: "gen_ai.evaluation.result", attributes: { "gen_ai.evaluation.name": "quality", "gen_ai.evaluation.score.value": 3 } });
    const out = normalizeLogs(makeLogsRequest([named, byTrace, named, noRun]), TENANT);
    expect(out.logRecords).toEqual([]);
    expect(out.scores.map((s) => [s.run_id, s.pending_trace, s.data_type])).toEqual([
      ["run-l", false, "categorical"],
      [traceIdOf(7), true, "numeric"],
    ]);
    expect(out.rejected.count).toBe(1);
    expect(out.rejected.messages[0]).toMatch(/no run; set the codon.workload.run_id attribute or the record's traceId$/);
  });
});
