import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeBudget, DEFAULT_DECODE_LIMITS, TRUNCATED_MARKER, type DecodeLimits } from "@/collector/decode/limits";
import { decodeLogsRequestJson, decodeTraceRequestJson } from "@/collector/decode/json";
import { DecodeError, type AttributeValue, type DecodedTraceRequest } from "@/collector/decode/model";
import { decodeLogsRequestProtobuf, decodeTraceRequestProtobuf } from "@/collector/decode/protobuf";
import { makeRichSpans, traceJson, traceProtobuf } from "@/collector/decode/testing/fixtures";

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
    }), { numRuns: RUNS });
  });

  it("protobuf: mutated valid exports", () => {
    fc.assert(fc.property(mutated(validProto), (bytes) => survives(() => decodeTraceRequestProtobuf(bytes, new DecodeBudget(limits, "protobuf")), checkTraces)), { numRuns: RUNS });
  });

  it("JSON: random text and random JSON values", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.json({ maxDepth: 8 })), (text) => {
      survives(() => decodeTraceRequestJson(text, new DecodeBudget(limits, "JSON")), checkTraces);
      survives(() => decodeLogsRequestJson(text, new DecodeBudget(limits, "JSON")));
    }), { numRuns: RUNS });
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
