import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeBudget, DEFAULT_DECODE_LIMITS, TRUNCATED_MARKER, type DecodeLimits } from "@/collector/decode/limits";
import { decodeLogsRequestJson, decodeTraceRequestJson } from "@/collector/decode/json";
import { decodeMetricsRequestJson } from "@/collector/decode/json-metrics";
import { DecodeError, type AttributeValue, type DecodedMetricsRequest, type DecodedTraceRequest } from "@/collector/decode/model";
import { decodeLogsRequestProtobuf, decodeTraceRequestProtobuf } from "@/collector/decode/protobuf";
import { decodeMetricsRequestProtobuf } from "@/collector/decode/protobuf-metrics";
import { makeRichSpans, traceJson, traceProtobuf } from "@/collector/decode/testing/fixtures";
import { pb } from "@/collector/decode/testing/wire";

/**
 * Property fuzzing of both decoders: whatever the bytes, decoding either returns a model within
 * the limits or throws a DecodeError (never a TypeError, RangeError or stack overflow), quickly.
 */
const limits: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, maxSpansPerExport: 50, maxValuesPerExport: 2000, maxAttributes: 8, maxEventsPerSpan: 4, maxLinksPerSpan: 4, maxAttributeKeyLength: 16, maxAttributeValueLength: 32, maxAnyValueDepth: 6 };
const RUNS = 400;
const MAX_MS = 200;

function withinLimits(value: AttributeValue, depth: number): void {
  if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(limits.maxAttributeValueLength + TRUNCATED_MARKER.length);
  if (Array.isArray(value)) for (const v of value) withinLimits(v, depth + 1);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) withinLimits(v, depth + 1);
  expect(depth).toBeLessThanOrEqual(limits.maxAnyValueDepth + 1);
}

function checkTraces(request: DecodedTraceRequest): void {
  const spans = request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  expect(spans.length).toBeLessThanOrEqual(limits.maxSpansPerExport);
  for (const span of spans) {
    expect(Object.keys(span.attributes).length).toBeLessThanOrEqual(limits.maxAttributes);
    expect(span.events.length).toBeLessThanOrEqual(limits.maxEventsPerSpan);
    expect(span.links.length).toBeLessThanOrEqual(limits.maxLinksPerSpan);
    expect(span.name.length).toBeLessThanOrEqual(limits.maxAttributeValueLength + TRUNCATED_MARKER.length);
    for (const key of Object.keys(span.attributes)) expect(key.length).toBeLessThanOrEqual(limits.maxAttributeKeyLength);
    withinLimits(span.attributes, 0);
  }
}

function checkMetrics(request: DecodedMetricsRequest): void {
  const metrics = request.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
  const points = metrics.reduce((n, m) => n + ("points" in m.data ? m.data.points.length : 0), 0);
  expect(metrics.length + points).toBeLessThanOrEqual(limits.maxSpansPerExport);
}

// A small metrics export with every data kind, packed and unpacked arrays (field numbers from metrics.proto).
const attribute = (field: number) => pb.len(field, pb.str(1, "k"), pb.len(2, pb.str(1, "v")));
const metric = (name: string, field: number, level: Uint8Array) => pb.len(2, pb.str(1, name), pb.len(field, level));
const metricsProto = pb.len(1, pb.len(1, attribute(1)), pb.len(2, pb.len(1, pb.str(1, "scope")),
  metric("g", 5, pb.len(1, attribute(7), pb.fixed64(3, 1n), pb.double(4, 1.5))),
  metric("s", 7, pb.cat(pb.len(1, pb.fixed64(6, 7n)), pb.uint(2, 2), pb.uint(3, 1))),
  metric("h", 9, pb.cat(pb.len(1, attribute(9), pb.fixed64(4, 3n), pb.len(6, new Uint8Array(16)), pb.fixed64(6, 3n), pb.double(7, 1), pb.double(7, 2)), pb.uint(2, 1))),
  metric("e", 10, pb.len(1, attribute(1), pb.uint(6, 3), pb.len(8, pb.uint(1, 2), pb.len(2, Uint8Array.of(1, 2, 3))), pb.len(9, pb.uint(2, 1)))),
  metric("q", 11, pb.len(1, attribute(7), pb.fixed64(4, 2n), pb.double(5, 3))),
));
const metricsJson = JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [
  { name: "s", sum: { aggregationTemporality: "AGGREGATION_TEMPORALITY_DELTA", isMonotonic: true, dataPoints: [{ asInt: "7", attributes: [{ key: "k", value: { stringValue: "v" } }] }] } },
  { name: "h", histogram: { aggregationTemporality: 2, dataPoints: [{ count: "3", bucketCounts: ["1", 2], explicitBounds: [1, "Infinity"] }] } },
  { name: "e", exponentialHistogram: { dataPoints: [{ scale: -2, positive: { offset: 1, bucketCounts: [1] } }] } },
] }] }] });

/** Runs `decode`; only a DecodeError may escape, within MAX_MS. */
function survives(decode: () => unknown, check: (result: never) => void = () => {}): void {
  const t0 = performance.now();
  try {
    check(decode() as never);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
}

/** A valid payload with a few bytes overwritten, inserted or removed. */
const mutated = (valid: Uint8Array) =>
  fc.array(fc.tuple(fc.nat(valid.length), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "insert", "delete")), { minLength: 1, maxLength: 8 }).map((edits) => {
    const bytes = Array.from(valid);
    for (const [at, byte, op] of edits) {
      if (op === "set") bytes[at % bytes.length] = byte;
      else if (op === "insert") bytes.splice(at, 0, byte);
      else bytes.splice(at % bytes.length, 1);
    }
    return Uint8Array.from(bytes);
  });

describe("decoder fuzzing", () => {
  const validProto = traceProtobuf(makeRichSpans());
  const validJson = traceJson(makeRichSpans());

  it("protobuf: random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
      survives(() => decodeTraceRequestProtobuf(bytes, new DecodeBudget(limits, "protobuf")), checkTraces);
      survives(() => decodeLogsRequestProtobuf(bytes, new DecodeBudget(limits, "protobuf")));
      survives(() => decodeMetricsRequestProtobuf(bytes, new DecodeBudget(limits, "protobuf")), checkMetrics);
    }), { numRuns: RUNS });
  });

  it("protobuf: mutated valid exports", () => {
    fc.assert(fc.property(mutated(validProto), (bytes) => survives(() => decodeTraceRequestProtobuf(bytes, new DecodeBudget(limits, "protobuf")), checkTraces)), { numRuns: RUNS });
  });

  it("JSON: random text and random JSON values", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.json({ maxDepth: 8 })), (text) => {
      survives(() => decodeTraceRequestJson(text, new DecodeBudget(limits, "JSON")), checkTraces);
      survives(() => decodeLogsRequestJson(text, new DecodeBudget(limits, "JSON")));
      survives(() => decodeMetricsRequestJson(text, new DecodeBudget(limits, "JSON")), checkMetrics);
    }), { numRuns: RUNS });
  });

  it("metrics: mutated valid exports, either encoding", () => {
    const kinds = (request: DecodedMetricsRequest) => request.resourceMetrics[0]!.scopeMetrics[0]!.metrics.map((m) => m.data.kind);
    expect(kinds(decodeMetricsRequestProtobuf(metricsProto))).toStrictEqual(["gauge", "sum", "histogram", "exponential_histogram", "summary"]);
    expect(kinds(decodeMetricsRequestJson(metricsJson))).toStrictEqual(["sum", "histogram", "exponential_histogram"]);
    fc.assert(fc.property(mutated(metricsProto), (bytes) => survives(() => decodeMetricsRequestProtobuf(bytes, new DecodeBudget(limits, "protobuf")), checkMetrics)), { numRuns: RUNS });
    const jsonBytes = new TextEncoder().encode(metricsJson);
    fc.assert(fc.property(mutated(jsonBytes), (b) => survives(() => decodeMetricsRequestJson(new TextDecoder().decode(b), new DecodeBudget(limits, "JSON")), checkMetrics)), { numRuns: RUNS });
  });

  it("JSON: mutated valid exports", () => {
    const bytes = new TextEncoder().encode(validJson);
    fc.assert(fc.property(mutated(bytes), (b) => survives(() => decodeTraceRequestJson(new TextDecoder().decode(b), new DecodeBudget(limits, "JSON")), checkTraces)), { numRuns: RUNS });
  });

  it("JSON: OTLP-shaped values with arbitrary leaves", () => {
    const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, fc.record({ stringValue: fc.string() }), fc.record({ intValue: fc.oneof(fc.string(), fc.integer()) }), fc.record({ arrayValue: fc.record({ values: fc.array(tie("value"), { maxLength: 5 }) }) }), fc.record({ kvlistValue: fc.record({ values: fc.array(fc.record({ key: fc.string(), value: tie("value") }), { maxLength: 5 }) }) }), fc.anything()),
    })).value;
    const span = fc.record({ name: fc.string({ maxLength: 100 }), attributes: fc.array(fc.record({ key: fc.string({ maxLength: 30 }), value: anyValue }), { maxLength: 20 }), events: fc.array(fc.record({ name: fc.string() }), { maxLength: 8 }) }, { requiredKeys: [] });
    fc.assert(fc.property(fc.array(span, { maxLength: 60 }), (spans) => {
      survives(() => decodeTraceRequestJson(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }), new DecodeBudget(limits, "JSON")), checkTraces);
    }), { numRuns: RUNS / 2 });
  });
});
