/**
 * Decoding throughput on a realistic Codon export: `npx tsx bench/decode.ts`.
 * Compares the purpose-built OTLP protobuf decoder with schema-driven protobufjs (and shows the
 * JSON path for reference). Prints the median of several timed samples after a warm-up.
 */
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import protobuf from "protobufjs";
import { decodeTraceRequestJson, decodeTraceRequestProtobuf, decodeTraces, DEFAULT_DECODE_LIMITS } from "@/collector/decode";
import { withLoopDelay } from "@/bench/event-loop";

const SPANS = 512;
/** The largest legit export the default limits admit (OTLP_MAX_SPANS_PER_EXPORT). */
const LARGE_SPANS = DEFAULT_DECODE_LIMITS.maxSpansPerExport;
const NODES_PER_RUN = 8;

const INPUT_SCHEMA = JSON.stringify({
  type: "object",
  properties: {
    question: { type: "string", description: "The user's question" },
    context: { type: "array", items: { type: "string" } },
    temperature: { type: "number", minimum: 0, maximum: 2 },
  },
  required: ["question"],
});
const LOREM =
  "The agent retrieved three documents about quarterly revenue, ranked them by relevance, and summarised the key " +
  "figures: revenue grew 12% year over year, operating margin widened to 18%, and guidance for the next quarter was " +
  "raised. It then drafted an answer citing each source and checked the numbers against the retrieved tables. ";

/** Spans shaped like the Codon SDK's: one per node activation, ~1 KB of attributes each. */
function makeCodonExport(count = SPANS): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "qa-agent", "codon.organization.id": "acme", "deployment.environment": "prod" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("codon_sdk", "0.4.2");
  const start = 1_732_190_000_000;
  for (let run = 0; run < count / NODES_PER_RUN; run++) {
    const runId = `run-${run.toString().padStart(6, "0")}-7f3c9a2e`;
    const root = tracer.startSpan("codon.workload.run", { kind: SpanKind.SERVER, startTime: start + run * 1000 });
    const parent = trace.setSpan(ROOT_CONTEXT, root);
    for (let node = 0; node < NODES_PER_RUN - 1; node++) {
      const name = ["prompt_builder", "retrieve", "rank", "call_model", "check", "format", "finalize"][node] ?? "node";
      const span = tracer.startSpan(
        `codon.node.${name}`,
        {
          startTime: start + run * 1000 + node * 100,
          attributes: {
            "codon.workload.id": "wl_01HZX4QK8M3V7N2P5R6T9W0Y1Z",
            "codon.workload.name": "QA-Agent",
            "codon.workload.version": "0.1.0",
            "codon.workload.logic_id": "logic_5f2d8c41a9b07e36",
            "codon.workload.run_id": runId,
            "codon.nodespec.id": `nodespec_${name}_3b9e`,
            "codon.nodespec.name": name,
            "codon.nodespec.version": "2",
            "codon.nodespec.callable_signature": `def ${name}(question: str, context: list[str], *, temperature: float = 0.2) -> dict`,
            "codon.nodespec.input_schema": INPUT_SCHEMA,
            "codon.node.input": LOREM.slice(0, 240 + node * 10),
            "codon.node.output": LOREM.slice(20, 300),
            "codon.tokens.input": 1200 + node * 17,
            "codon.tokens.output": 310 + run,
            "codon.tokens.total": 1510 + node * 17 + run,
            "codon.model.vendor": "openai",
            "codon.model.id": "gpt-4.1-mini-2025-04-14",
          },
        },
        parent,
      );
      span.end(start + run * 1000 + node * 100 + 87);
    }
    root.end(start + run * 1000 + 900);
  }
  return exporter.getFinishedSpans();
}

const OTLP_PROTO = `
syntax = "proto3";
package opentelemetry.proto;
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
  ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10; repeated Event events = 11;
  uint32 dropped_events_count = 12; repeated Link links = 13; uint32 dropped_links_count = 14; Status status = 15;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4;
    uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
}
message Status { string message = 2; int32 code = 3; }
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Median ms per call over `samples` timed batches, after a warm-up. */
function measure(fn: () => unknown): number {
  const deadline = performance.now() + 500;
  let calls = 0;
  while (performance.now() < deadline || calls < 20) {
    fn();
    calls++;
  }
  const perBatch = Math.max(1, Math.round(calls / 5)); // ~100 ms per batch
  const samples: number[] = [];
  for (let s = 0; s < 9; s++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push((performance.now() - t0) / perBatch);
  }
  return median(samples);
}

const spans = makeCodonExport();
const bytes = ProtobufTraceSerializer.serializeRequest(spans);
const jsonBytes = JsonTraceSerializer.serializeRequest(spans);
if (!bytes || !jsonBytes) throw new Error("serializer produced no bytes");
const jsonText = new TextDecoder().decode(jsonBytes);
const decodedCount = decodeTraceRequestProtobuf(bytes).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).length;
if (decodedCount !== spans.length) throw new Error(`decoded ${decodedCount} spans, expected ${spans.length}`);

const ExportTraceServiceRequest = protobuf.parse(OTLP_PROTO).root.lookupType("opentelemetry.proto.ExportTraceServiceRequest");
const toObjectOptions = { longs: String, bytes: String, enums: Number };

const rows: Array<[string, number, number]> = [
  ["purpose-built protobuf decoder", measure(() => decodeTraceRequestProtobuf(bytes)), bytes.length],
  ["protobufjs decode (raw)", measure(() => ExportTraceServiceRequest.decode(bytes)), bytes.length],
  [
    "protobufjs decode + toObject(longs: String)",
    measure(() => ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(bytes), toObjectOptions)),
    bytes.length,
  ],
  ["OTLP/JSON: JSON.parse + decoder (reference)", measure(() => decodeTraceRequestJson(jsonText)), jsonBytes.length],
];

console.log(`Codon export: ${spans.length} spans, protobuf ${(bytes.length / 1024).toFixed(1)} KiB ` +
  `(${Math.round(bytes.length / spans.length)} B/span), JSON ${(jsonBytes.length / 1024).toFixed(1)} KiB; node ${process.version}`);
console.log("");
console.log(`${"decoder".padEnd(46)}${"ms/export".padStart(11)}${"spans/s".padStart(12)}${"MB/s".padStart(9)}`);
for (const [name, ms, size] of rows) {
  const spansPerSec = Math.round((spans.length / ms) * 1000);
  const mbPerSec = size / 1e6 / (ms / 1000);
  console.log(`${name.padEnd(46)}${ms.toFixed(3).padStart(11)}${spansPerSec.toLocaleString("en-US").padStart(12)}${mbPerSec.toFixed(1).padStart(9)}`);
}

// A large legit export through the receivers' path (decodeTraces: limits + time slices) against
// decoding it in one go: throughput, and the longest the event loop was held.
const large = makeCodonExport(LARGE_SPANS);
const largeProto = ProtobufTraceSerializer.serializeRequest(large)!;
const largeJson = JsonTraceSerializer.serializeRequest(large)!;
const loopRows: Array<[string, () => unknown, number]> = [
  ["protobuf, one go (decodeTraceRequestProtobuf)", () => decodeTraceRequestProtobuf(largeProto), largeProto.length],
  ["protobuf, time-sliced (decodeTraces)", () => decodeTraces("protobuf", largeProto, DEFAULT_DECODE_LIMITS), largeProto.length],
  ["JSON, one go (decodeTraceRequestJson)", () => decodeTraceRequestJson(largeJson), largeJson.length],
  ["JSON, time-sliced (decodeTraces)", () => decodeTraces("json", largeJson, DEFAULT_DECODE_LIMITS), largeJson.length],
];
console.log("");
console.log(`Large export: ${large.length} spans, protobuf ${(largeProto.length / 1e6).toFixed(1)} MB, JSON ${(largeJson.length / 1e6).toFixed(1)} MB`);
console.log(`${"path".padEnd(46)}${"ms".padStart(9)}${"MB/s".padStart(9)}${"max loop delay ms".padStart(20)}`);
for (const [name, work, size] of loopRows) {
  await withLoopDelay(work); // warm-up
  const runs = [await withLoopDelay(work), await withLoopDelay(work), await withLoopDelay(work)];
  const ms = median(runs.map((r) => r.ms));
  const delay = Math.max(...runs.map((r) => r.maxDelayMs));
  console.log(`${name.padEnd(46)}${ms.toFixed(1).padStart(9)}${(size / 1e6 / (ms / 1000)).toFixed(1).padStart(9)}${delay.toFixed(1).padStart(20)}`);
}
