import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, createTraceState, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import {
  JsonLogsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";

/** Test fixtures: real SDK spans/log records and their real OTLP encodings, plus a tiny protobuf writer for hand-made payloads. */

export const REMOTE_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
export const REMOTE_SPAN_ID = "b7ad6b7169203331";
export const LINK_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
export const LINK_SPAN_ID = "00f067aa0ba902b7";
/** > 2^53, so a float round trip would corrupt it. */
export const START_NS = 1732190000123456789n;
export const END_NS = 1732190001987654321n;
export const EVENT_NS = 1732190000500000001n;

export const PRIMITIVE_ATTRIBUTES = {
  "codon.workload.name": "QA-Agent",
  "attr.bool": true,
  "attr.int": 42,
  "attr.int.big": 2 ** 60,
  "attr.int.negative": -42,
  "attr.int.negative.big": -(2 ** 60),
  "attr.double": 3.25,
  "attr.strings": ["a", "b"],
  "attr.ints": [1, 2, 3],
  "attr.bools": [true, false],
  "attr.doubles": [0.5, 1.5],
  "attr.sparse": [1, null, 2],
};

/** What the decoders must produce for PRIMITIVE_ATTRIBUTES. */
export const PRIMITIVE_ATTRIBUTES_DECODED = {
  ...PRIMITIVE_ATTRIBUTES,
  "attr.int.big": "1152921504606846976",
  "attr.int.negative.big": "-1152921504606846976",
};

/** Attribute values the SDK's span API refuses (bytes, maps, mixed arrays) but the wire allows. */
export const EXTENDED_ATTRIBUTES = {
  "attr.bytes": new Uint8Array([0, 1, 2, 250, 255]),
  "attr.kvlist": { nested: { deeper: [1, "two", { three: 3 }] }, flag: false },
  "attr.mixed": ["x", 1, true, 2.5],
};
export const EXTENDED_ATTRIBUTES_DECODED = {
  "attr.bytes": "AAEC+v8=",
  "attr.kvlist": { nested: { deeper: [1, "two", { three: 3 }] }, flag: false },
  "attr.mixed": ["x", 1, true, 2.5],
};

export function hrTime(ns: bigint): [number, number] {
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

/**
 * Two spans from the real SDK: a SERVER span continuing a remote parent (parent id, trace state,
 * exact times, event, link, error status) and an INTERNAL child of it. The child is re-presented
 * with extended attribute values and a scope with attributes, which the SDK API cannot produce.
 */
export function makeRichSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "qa-agent", "codon.organization.id": "acme", "resource.int": 7 }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("codon_sdk", "1.2.3");
  const remote = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: REMOTE_TRACE_ID,
    spanId: REMOTE_SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: createTraceState("vendor=abc,other=1"),
  });
  const server = tracer.startSpan(
    "codon.node.call_model",
    {
      kind: SpanKind.SERVER,
      startTime: hrTime(START_NS),
      attributes: PRIMITIVE_ATTRIBUTES,
      links: [
        {
          context: { traceId: LINK_TRACE_ID, spanId: LINK_SPAN_ID, traceFlags: 1, traceState: createTraceState("k=v") },
          attributes: { "link.reason": "retry" },
        },
      ],
    },
    remote,
  );
  server.addEvent("tool.call", { "tool.name": "search", "tool.attempt": 2 }, hrTime(EVENT_NS));
  server.setStatus({ code: SpanStatusCode.ERROR, message: "model timed out" });
  const child = tracer.startSpan("codon.node.finalize", { startTime: hrTime(START_NS + 1n) }, trace.setSpan(remote, server));
  child.end(hrTime(END_NS - 1n));
  server.end(hrTime(END_NS));
  const [first, second] = exporter.getFinishedSpans();
  if (!first || !second) throw new Error("expected two finished spans");
  const scope = { ...first.instrumentationScope, attributes: { "scope.attr": "yes", "scope.n": 1 } };
  const withScope = (span: ReadableSpan, extra: Record<string, unknown> = {}): ReadableSpan =>
    Object.create(span, {
      instrumentationScope: { value: scope },
      attributes: { value: { ...span.attributes, ...extra } },
    }) as ReadableSpan;
  return [withScope(second), withScope(first, EXTENDED_ATTRIBUTES)];
}

function serialized(bytes: Uint8Array | undefined): Uint8Array {
  if (!bytes) throw new Error("the serializer produced no bytes");
  return bytes;
}

export const traceProtobuf = (spans: ReadableSpan[]): Uint8Array => serialized(ProtobufTraceSerializer.serializeRequest(spans));
export const traceJson = (spans: ReadableSpan[]): string => new TextDecoder().decode(serialized(JsonTraceSerializer.serializeRequest(spans)));

export const LOG_TRACE_ID = "5b8efff798038103d269b633813fc60c";
export const LOG_SPAN_ID = "eee19b7ec3c1b174";

/** Log records from the real SDK: one with the LogRecord event_name field, one with only an `event.name` attribute. */
export async function makeLogRecords(): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "qa-agent" }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("codon_sdk.audit", "0.9.0", { attributes: { "scope.kind": "audit" } });
  const context = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: LOG_TRACE_ID,
    spanId: LOG_SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
  });
  logger.emit({
    eventName: "codon.node.completed",
    timestamp: hrTime(START_NS),
    observedTimestamp: hrTime(END_NS),
    severityNumber: SeverityNumber.INFO2,
    severityText: "INFO2",
    body: { output: "done", tokens: [1, 2], raw: new Uint8Array([255]) },
    attributes: { "codon.workload.run_id": "run-1", ...EXTENDED_ATTRIBUTES },
    context,
  });
  logger.emit({
    timestamp: hrTime(START_NS + 5n),
    observedTimestamp: hrTime(END_NS + 5n),
    severityNumber: SeverityNumber.WARN,
    body: "plain text body",
    attributes: { "event.name": "codon.legacy.event", count: 3 },
  });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

export const logsProtobuf = (records: ReadableLogRecord[]): Uint8Array => serialized(ProtobufLogsSerializer.serializeRequest(records));
export const logsJson = (records: ReadableLogRecord[]): string => new TextDecoder().decode(serialized(JsonLogsSerializer.serializeRequest(records)));
