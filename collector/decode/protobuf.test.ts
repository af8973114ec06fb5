import { describe, expect, it } from "vitest";
import { DecodeError } from "@/collector/decode/model";
import { decodeLogsRequestProtobuf, decodeTraceRequestProtobuf } from "@/collector/decode/protobuf";
import {
  END_NS,
  EVENT_NS,
  EXTENDED_ATTRIBUTES_DECODED,
  LINK_SPAN_ID,
  LINK_TRACE_ID,
  LOG_SPAN_ID,
  LOG_TRACE_ID,
  PRIMITIVE_ATTRIBUTES_DECODED,
  REMOTE_SPAN_ID,
  REMOTE_TRACE_ID,
  START_NS,
  logsProtobuf,
  makeLogRecords,
  makeRichSpans,
  traceProtobuf,
} from "@/collector/decode/testing/fixtures";
import { decodeError, onlySpan } from "@/collector/decode/testing/assertions";
import { LOGS_REQUEST_SCHEMA, TRACE_REQUEST_SCHEMA, pb, withUnknownFields } from "@/collector/decode/testing/wire";

/** ExportTraceServiceRequest with one span holding these span fields (scope and resource empty). */
function spanRequest(...spanFields: Uint8Array[]): Uint8Array {
  return pb.len(1, pb.len(2, pb.len(2, ...spanFields)));
}

/** One span attribute `k` with this AnyValue payload. */
function attributeRequest(anyValue: Uint8Array): Uint8Array {
  return spanRequest(pb.len(9, pb.str(1, "k"), pb.len(2, anyValue)));
}

describe("decodeTraceRequestProtobuf", () => {
  it("round-trips every field of real SDK spans", () => {
    const spans = makeRichSpans();
    const [server, child] = spans.map((s) => s.spanContext().spanId);
    expect(decodeTraceRequestProtobuf(traceProtobuf(spans))).toStrictEqual({
      resourceSpans: [
        {
          resource: { "service.name": "qa-agent", "codon.organization.id": "acme", "resource.int": 7 },
          scopeSpans: [
            {
              scope: { name: "codon_sdk", version: "1.2.3", attributes: { "scope.attr": "yes", "scope.n": 1 } },
              spans: [
                {
                  traceId: REMOTE_TRACE_ID,
                  spanId: server,
                  parentSpanId: REMOTE_SPAN_ID,
                  traceState: "vendor=abc,other=1",
                  name: "codon.node.call_model",
                  kind: 2,
                  startTimeUnixNano: START_NS,
                  endTimeUnixNano: END_NS,
                  attributes: PRIMITIVE_ATTRIBUTES_DECODED,
                  events: [{ timeUnixNano: EVENT_NS, name: "tool.call", attributes: { "tool.name": "search", "tool.attempt": 2 } }],
                  links: [{ traceId: LINK_TRACE_ID, spanId: LINK_SPAN_ID, traceState: "k=v", attributes: { "link.reason": "retry" } }],
                  status: { code: 2, message: "model timed out" },
                },
                {
                  traceId: REMOTE_TRACE_ID,
                  spanId: child,
                  parentSpanId: server,
                  traceState: "vendor=abc,other=1",
                  name: "codon.node.finalize",
                  kind: 1,
                  startTimeUnixNano: START_NS + 1n,
                  endTimeUnixNano: END_NS - 1n,
                  attributes: EXTENDED_ATTRIBUTES_DECODED,
                  events: [],
                  links: [],
                  status: { code: 0, message: "" },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("fills defaults for absent fields and messages", () => {
    expect(decodeTraceRequestProtobuf(new Uint8Array())).toStrictEqual({ resourceSpans: [] });
    expect(decodeTraceRequestProtobuf(spanRequest())).toStrictEqual({
      resourceSpans: [
        {
          resource: {},
          scopeSpans: [
            {
              scope: { name: "", version: "", attributes: {} },
              spans: [
                {
                  traceId: "",
                  spanId: "",
                  parentSpanId: "",
                  traceState: "",
                  name: "",
                  kind: 0,
                  startTimeUnixNano: 0n,
                  endTimeUnixNano: 0n,
                  attributes: {},
                  events: [],
                  links: [],
                  status: { code: 0, message: "" },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("reads int64 exactly, including two's complement negatives", () => {
    const cases: Array<[bigint, number | string]> = [
      [0n, 0],
      [-1n, -1],
      [2n ** 53n - 1n, Number.MAX_SAFE_INTEGER],
      [-(2n ** 53n) + 1n, Number.MIN_SAFE_INTEGER],
      [2n ** 53n, "9007199254740992"],
      [2n ** 53n + 1n, "9007199254740993"],
      [-(2n ** 53n) - 1n, "-9007199254740993"],
      [2n ** 63n - 1n, "9223372036854775807"],
      [-(2n ** 63n), "-9223372036854775808"],
      [2n ** 32n + 5n, 4294967301],
      [-(2n ** 32n) - 5n, -4294967301],
    ];
    for (const [value, expected] of cases) {
      expect(onlySpan(decodeTraceRequestProtobuf(attributeRequest(pb.uint(3, value)))).attributes.k).toBe(expected);
    }
  });

  it("reads doubles, bools, empty values, duplicate and hostile keys", () => {
    const attr = (anyValue: Uint8Array) => onlySpan(decodeTraceRequestProtobuf(attributeRequest(anyValue))).attributes.k;
    expect(attr(pb.double(4, -0.1))).toBe(-0.1);
    expect(attr(pb.double(4, Infinity))).toBe(Infinity);
    expect(attr(pb.uint(2, 2n ** 40n))).toBe(true); // only high bits set: still true
    expect(attr(pb.uint(2, 0))).toBe(false);
    expect(attr(new Uint8Array())).toBe(null);
    expect(attr(pb.cat(pb.str(1, "first"), pb.uint(3, 7)))).toBe(7); // oneof: last wins
    expect(attr(pb.len(7))).toBe("");
    expect(attr(pb.str(1, "héllo wörld ✓ — a longer non-ASCII string"))).toBe("héllo wörld ✓ — a longer non-ASCII string");
    expect(attr(pb.len(1, Uint8Array.from([0x61, 0xff])))).toBe("a\uFFFD"); // lenient UTF-8

    const span = onlySpan(
      decodeTraceRequestProtobuf(
        spanRequest(
          pb.len(9, pb.str(1, "dup"), pb.len(2, pb.uint(3, 1))),
          pb.len(9, pb.str(1, "dup"), pb.len(2, pb.uint(3, 2))),
          pb.len(9, pb.str(1, "__proto__"), pb.len(2, pb.str(1, "x"))),
          pb.len(9),
        ),
      ),
    );
    expect(span.attributes.dup).toBe(2);
    expect(Object.getPrototypeOf(span.attributes)).toBe(Object.prototype);
    expect(Object.keys(span.attributes)).toEqual(["dup", "__proto__", ""]);
    expect(span.attributes[""]).toBe(null);
  });

  it("never confuses short strings that share a string-cache slot", () => {
    // Same length, first, middle and last two bytes: the same cache slot, different strings.
    const keys = ["aQxxmxxyz", "aRxxmxxyz", "aéxmxxyz", "aQxxmxxyz"];
    for (let round = 0; round < 3; round++) {
      const span = onlySpan(
        decodeTraceRequestProtobuf(spanRequest(...keys.map((k, i) => pb.len(9, pb.str(1, k), pb.len(2, pb.str(1, `${k}:${i}`)))))),
      );
      expect(span.attributes).toStrictEqual({ aQxxmxxyz: "aQxxmxxyz:3", aRxxmxxyz: "aRxxmxxyz:1", aéxmxxyz: "aéxmxxyz:2" });
    }
  });

  it("keeps ids of any length as lowercase hex", () => {
    const span = onlySpan(decodeTraceRequestProtobuf(spanRequest(pb.len(1, Uint8Array.from([0xab, 0x0c])), pb.len(2))));
    expect(span.traceId).toBe("ab0c");
    expect(span.spanId).toBe("");
  });

  it("skips unknown fields of every wire type at every level", () => {
    const bytes = traceProtobuf(makeRichSpans());
    const expected = decodeTraceRequestProtobuf(bytes);
    const noisy = withUnknownFields(bytes, TRACE_REQUEST_SCHEMA);
    expect(noisy.length).toBeGreaterThan(bytes.length * 2);
    expect(decodeTraceRequestProtobuf(noisy)).toStrictEqual(expected);
  });

  it("rejects a known field with the wrong wire type, naming it", () => {
    expect(decodeError(() => decodeTraceRequestProtobuf(spanRequest(pb.uint(2, 5)))).message).toMatch(
      /field 2 of Span has wire type 0, expected 2/,
    );
    expect(decodeError(() => decodeTraceRequestProtobuf(spanRequest(pb.uint(7, 5)))).message).toMatch(
      /field 7 of Span has wire type 0, expected 1/,
    );
    expect(decodeError(() => decodeTraceRequestProtobuf(attributeRequest(pb.str(3, "1")))).message).toMatch(
      /field 3 of AnyValue has wire type 2, expected 0/,
    );
  });

  it("rejects invalid wire types, field 0 and overlong varints", () => {
    for (const wireType of [3, 4, 6, 7]) {
      expect(decodeError(() => decodeTraceRequestProtobuf(spanRequest(pb.tag(99, wireType)))).message).toMatch(
        new RegExp(`field 99 of Span has invalid wire type ${wireType}`),
      );
    }
    expect(decodeError(() => decodeTraceRequestProtobuf(pb.uint(0, 1))).message).toMatch(/invalid field number 0/);
    const overlong = pb.cat(pb.tag(50, 0), new Uint8Array(11).fill(0x80), Uint8Array.of(0));
    expect(decodeError(() => decodeTraceRequestProtobuf(overlong)).message).toMatch(/varint longer than 10 bytes/);
    expect(decodeError(() => decodeTraceRequestProtobuf(Uint8Array.of(0x0a, 0x85))).message).toMatch(/truncated varint at byte 1/);
  });

  it("rejects lengths and fixed values that run past their message", () => {
    const pastEnd = pb.cat(pb.tag(1, 2), pb.varint(100), new Uint8Array(10));
    expect(decodeError(() => decodeTraceRequestProtobuf(pastEnd)).message).toMatch(/length 100 at byte 1 runs past/);
    // A fixed64 whose bytes belong to the next sibling: the Span's own length is too short for it.
    const scopeSpans = pb.cat(pb.tag(2, 2), pb.varint(3), pb.tag(7, 1), Uint8Array.of(1, 2), pb.fixed32(9, 0), pb.fixed32(9, 0));
    const request = pb.len(1, pb.len(2, scopeSpans));
    expect(decodeError(() => decodeTraceRequestProtobuf(request)).message).toMatch(/Span overruns its length/);
    expect(decodeError(() => decodeTraceRequestProtobuf(spanRequest(pb.tag(8, 1), Uint8Array.of(1)))).message).toMatch(
      /truncated 8-byte fixed value/,
    );
  });

  it("limits AnyValue nesting instead of overflowing the stack", () => {
    const nested = (levels: number): Uint8Array => {
      let value = pb.str(1, "leaf");
      for (let i = 0; i < levels; i++) value = pb.len(5, pb.len(1, value));
      return value;
    };
    let leaf: unknown = onlySpan(decodeTraceRequestProtobuf(attributeRequest(nested(64)))).attributes.k;
    for (let i = 0; i < 64; i++) leaf = (leaf as unknown[])[0];
    expect(leaf).toBe("leaf");
    expect(decodeError(() => decodeTraceRequestProtobuf(attributeRequest(nested(65)))).message).toMatch(/nested deeper than 64/);
    expect(() => decodeTraceRequestProtobuf(attributeRequest(nested(5000)))).toThrow(DecodeError);
  });

  it("throws only DecodeError for truncated or corrupted real payloads", () => {
    const bytes = traceProtobuf(makeRichSpans());
    const outcomes = { decoded: 0, rejected: 0 };
    const attempt = (input: Uint8Array) => {
      try {
        decodeTraceRequestProtobuf(input);
        outcomes.decoded++;
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        outcomes.rejected++;
      }
    };
    for (let cut = 0; cut < bytes.length; cut++) attempt(bytes.subarray(0, cut));
    expect(outcomes.rejected).toBeGreaterThan(bytes.length * 0.9);
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < bytes.length; i++) {
      for (const value of [0x00, 0xff, 0x80, Math.floor(random() * 256)]) {
        const corrupt = bytes.slice();
        corrupt[i] = value;
        attempt(corrupt);
      }
    }
    expect(outcomes.decoded + outcomes.rejected).toBe(bytes.length * 5);
  });
});

describe("decodeLogsRequestProtobuf", () => {
  it("round-trips real SDK log records, with the event_name field and the event.name attribute", async () => {
    expect(decodeLogsRequestProtobuf(logsProtobuf(await makeLogRecords()))).toStrictEqual({
      resourceLogs: [
        {
          resource: { "service.name": "qa-agent" },
          scopeLogs: [
            {
              scope: { name: "codon_sdk.audit", version: "0.9.0", attributes: { "scope.kind": "audit" } },
              logRecords: [
                {
                  timeUnixNano: START_NS,
                  observedTimeUnixNano: END_NS,
                  severityNumber: 10,
                  severityText: "INFO2",
                  body: { output: "done", tokens: [1, 2], raw: "/w==" },
                  attributes: { "codon.workload.run_id": "run-1", ...EXTENDED_ATTRIBUTES_DECODED },
                  traceId: LOG_TRACE_ID,
                  spanId: LOG_SPAN_ID,
                  eventName: "codon.node.completed",
                },
                {
                  timeUnixNano: START_NS + 5n,
                  observedTimeUnixNano: END_NS + 5n,
                  severityNumber: 13,
                  severityText: "",
                  body: "plain text body",
                  attributes: { "event.name": "codon.legacy.event", count: 3 },
                  traceId: "",
                  spanId: "",
                  eventName: "",
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("skips unknown fields and rejects corruption with DecodeError only", async () => {
    const bytes = logsProtobuf(await makeLogRecords());
    const expected = decodeLogsRequestProtobuf(bytes);
    expect(decodeLogsRequestProtobuf(withUnknownFields(bytes, LOGS_REQUEST_SCHEMA))).toStrictEqual(expected);
    for (let cut = 0; cut < bytes.length; cut++) {
      try {
        decodeLogsRequestProtobuf(bytes.subarray(0, cut));
      } catch (error) {
        expect(error).toBeInstanceOf(DecodeError);
      }
    }
    const wrong = pb.len(1, pb.len(2, pb.len(2, pb.uint(12, 1))));
    expect(decodeError(() => decodeLogsRequestProtobuf(wrong)).message).toMatch(/field 12 of LogRecord has wire type 0, expected 2/);
  });
});
