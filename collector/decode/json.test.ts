import { describe, expect, it } from "vitest";
import { decodeLogsRequestJson, decodeTraceRequestJson } from "@/collector/decode/json";
import { DecodeError } from "@/collector/decode/model";
import { decodeLogsRequestProtobuf, decodeTraceRequestProtobuf } from "@/collector/decode/protobuf";
import {
  END_NS,
  REMOTE_SPAN_ID,
  REMOTE_TRACE_ID,
  START_NS,
  logsJson,
  logsProtobuf,
  makeLogRecords,
  makeRichSpans,
  traceJson,
  traceProtobuf,
} from "@/collector/decode/testing/fixtures";
import { decodeError, onlySpan } from "@/collector/decode/testing/assertions";

/** A trace request with one span made of these JSON fields. */
function spanJson(span: Record<string, unknown>): string {
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
}

function attribute(value: unknown) {
  return onlySpan(decodeTraceRequestJson(spanJson({ attributes: [{ key: "k", value }] }))).attributes.k;
}

describe("decodeTraceRequestJson", () => {
  it("produces exactly what the protobuf decoder produces for the same SDK spans", () => {
    const spans = makeRichSpans();
    const fromJson = decodeTraceRequestJson(traceJson(spans));
    expect(fromJson).toStrictEqual(decodeTraceRequestProtobuf(traceProtobuf(spans)));
    const span = onlySpan(fromJson);
    expect(span.traceId).toBe(REMOTE_TRACE_ID);
    expect(span.parentSpanId).toBe(REMOTE_SPAN_ID);
    expect(span.startTimeUnixNano).toBe(START_NS);
    expect(span.endTimeUnixNano).toBe(END_NS);
  });

  it("accepts enum names, snake_case fields, numeric times, uppercase hex and nulls", () => {
    const request = decodeTraceRequestJson(
      JSON.stringify({
        resource_spans: [
          {
            resource: null,
            scope_spans: [
              {
                scope: { name: "s", version: null },
                spans: [
                  {
                    trace_id: REMOTE_TRACE_ID.toUpperCase(),
                    span_id: "B7AD6B7169203331",
                    parent_span_id: "",
                    kind: "SPAN_KIND_CLIENT",
                    start_time_unix_nano: 1732190000123456,
                    endTimeUnixNano: "1732190000123456789",
                    status: { code: "STATUS_CODE_OK" },
                    events: [{ time_unix_nano: "5", name: "e" }],
                    links: null,
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(request.resourceSpans[0]?.resource).toStrictEqual({});
    expect(request.resourceSpans[0]?.scopeSpans[0]?.scope).toStrictEqual({ name: "s", version: "", attributes: {} });
    const span = onlySpan(request);
    expect(span).toMatchObject({
      traceId: REMOTE_TRACE_ID,
      spanId: REMOTE_SPAN_ID,
      parentSpanId: "",
      kind: 3,
      startTimeUnixNano: 1732190000123456n,
      endTimeUnixNano: 1732190000123456789n,
      status: { code: 1, message: "" },
      events: [{ timeUnixNano: 5n, name: "e", attributes: {} }],
      links: [],
    });
  });

  it("parses 64-bit integers exactly from strings", () => {
    expect(attribute({ intValue: "12" })).toBe(12);
    expect(attribute({ intValue: "-0" })).toBe(0);
    expect(attribute({ intValue: "9007199254740991" })).toBe(9007199254740991);
    expect(attribute({ intValue: "9007199254740993" })).toBe("9007199254740993");
    expect(attribute({ intValue: "-9223372036854775808" })).toBe("-9223372036854775808");
    expect(attribute({ intValue: "9223372036854775807" })).toBe("9223372036854775807");
    expect(attribute({ intValue: 2 ** 60 })).toBe("1152921504606846976");
    expect(attribute({ intValue: -7 })).toBe(-7);
    expect(decodeTraceRequestJson(spanJson({ startTimeUnixNano: "18446744073709551615" })).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.startTimeUnixNano).toBe(
      2n ** 64n - 1n,
    );
  });

  it("maps the other AnyValue kinds like the protobuf decoder", () => {
    expect(attribute({ doubleValue: 1.5 })).toBe(1.5);
    expect(attribute({ doubleValue: "NaN" })).toBeNaN();
    expect(attribute({ doubleValue: "-Infinity" })).toBe(-Infinity);
    expect(attribute({ doubleValue: "2.5" })).toBe(2.5);
    expect(attribute({ boolValue: false })).toBe(false);
    expect(attribute({ stringValue: "" })).toBe("");
    expect(attribute({})).toBe(null);
    expect(attribute(undefined)).toBe(null);
    expect(attribute({ bytesValue: "_-8" })).toBe("/+8="); // URL-safe, unpadded -> canonical base64
    expect(attribute({ arrayValue: {} })).toStrictEqual([]);
    expect(attribute({ kvlistValue: { values: [{ key: "a", value: { arrayValue: { values: [{ intValue: 1 }, {}] } } }] } })).toStrictEqual({
      a: [1, null],
    });
    const attrs = onlySpan(
      decodeTraceRequestJson(
        spanJson({
          attributes: [
            { key: "d", value: { intValue: 1 } },
            { key: "d", value: { intValue: 2 } },
            { key: "__proto__", value: { stringValue: "x" } },
          ],
        }),
      ),
    ).attributes;
    expect(attrs.d).toBe(2);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.keys(attrs)).toEqual(["d", "__proto__"]);
  });

  it("rejects ids that are not hex of the right length, naming the path", () => {
    const request = (traceId: unknown) =>
      JSON.stringify({
        resourceSpans: [{ scopeSpans: [{}, { spans: [{}, {}, {}, { traceId }] }] }],
      });
    const path = /^resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[3\]\.traceId: /;
    expect(decodeError(() => decodeTraceRequestJson(request("zz".repeat(16)))).message).toMatch(path);
    expect(decodeError(() => decodeTraceRequestJson(request("ab"))).message).toMatch(path);
    expect(decodeError(() => decodeTraceRequestJson(request("CvdlGRbNQ92ESOshHIAxnA=="))).message).toMatch(path); // base64
    expect(decodeError(() => decodeTraceRequestJson(request(42))).message).toMatch(path);
    expect(decodeError(() => decodeTraceRequestJson(spanJson({ spanId: REMOTE_TRACE_ID }))).message).toMatch(/spans\[0\]\.spanId: expected 16 hex digits/);
  });

  it("rejects wrong JSON types, naming the path", () => {
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ resourceSpans: {} }), /^resourceSpans: expected an array, got object/],
      [JSON.stringify({ resourceSpans: [7] }), /^resourceSpans\[0\]: expected an object, got number/],
      [JSON.stringify([]), /^\(root\): expected a JSON object/],
      [spanJson({ name: 5 }), /spans\[0\]\.name: expected a string, got number/],
      [spanJson({ kind: "SERVER" }), /spans\[0\]\.kind: unknown enum value "SERVER"/],
      [spanJson({ kind: 1.5 }), /spans\[0\]\.kind: expected an enum number/],
      [spanJson({ startTimeUnixNano: "12abc" }), /spans\[0\]\.startTimeUnixNano: expected an unsigned 64-bit integer/],
      [spanJson({ startTimeUnixNano: "18446744073709551616" }), /startTimeUnixNano: 18446744073709551616 does not fit in 64 bits/],
      [spanJson({ endTimeUnixNano: -1 }), /endTimeUnixNano: expected an unsigned 64-bit integer/],
      [spanJson({ attributes: {} }), /spans\[0\]\.attributes: expected an array of KeyValue/],
      [spanJson({ attributes: [{ key: 1 }] }), /spans\[0\]\.attributes\[0\]\.key: expected a string/],
      [spanJson({ attributes: [{ key: "k", value: { intValue: 1.5 } }] }), /attributes\[0\]\.value\.intValue: expected a 64-bit integer/],
      [spanJson({ attributes: [{ key: "k", value: { intValue: "9223372036854775808" } }] }), /intValue: 9223372036854775808 does not fit/],
      [spanJson({ attributes: [{ key: "k", value: { boolValue: "true" } }] }), /attributes\[0\]\.value\.boolValue: expected a boolean/],
      [spanJson({ attributes: [{ key: "k", value: { doubleValue: "x" } }] }), /value\.doubleValue: expected a number/],
      [spanJson({ attributes: [{ key: "k", value: { bytesValue: "!!" } }] }), /value\.bytesValue: expected a base64 string/],
      [
        spanJson({ attributes: [{ key: "k", value: { arrayValue: { values: [{ kvlistValue: { values: [{ key: "x", value: 3 }] } }] } } }] }),
        /attributes\[0\]\.value\.arrayValue\.values\[0\]\.kvlistValue\.values\[0\]\.value: expected an AnyValue object/,
      ],
      [spanJson({ events: [{ name: [] }] }), /spans\[0\]\.events\[0\]\.name: expected a string, got array/],
      [spanJson({ links: [{ spanId: "x" }] }), /spans\[0\]\.links\[0\]\.spanId: expected 16 hex digits/],
      [spanJson({ status: { code: "ERROR" } }), /spans\[0\]\.status\.code: unknown enum value/],
    ];
    for (const [text, message] of cases) expect(decodeError(() => decodeTraceRequestJson(text)).message).toMatch(message);
  });

  it("rejects malformed JSON with JSON.parse's message", () => {
    let parseMessage = "";
    try {
      JSON.parse('{"resourceSpans": [');
    } catch (error) {
      parseMessage = (error as Error).message;
    }
    expect(decodeError(() => decodeTraceRequestJson('{"resourceSpans": [')).message).toBe(`malformed JSON: ${parseMessage}`);
    expect(() => decodeTraceRequestJson("")).toThrow(DecodeError);
  });

  it("limits AnyValue nesting", () => {
    const nested = (levels: number) => '{"arrayValue":{"values":['.repeat(levels) + '{"stringValue":"leaf"}' + "]}}".repeat(levels);
    const text = (levels: number) => `{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":${nested(levels)}}]}]}]}]}`;
    expect(() => decodeTraceRequestJson(text(64))).not.toThrow();
    expect(decodeError(() => decodeTraceRequestJson(text(65))).message).toMatch(/nested deeper than 64 levels/);
    expect(() => decodeTraceRequestJson(text(20_000))).toThrow(DecodeError);
  });
});

describe("decodeLogsRequestJson", () => {
  it("produces exactly what the protobuf decoder produces for the same SDK log records", async () => {
    const records = await makeLogRecords();
    const fromJson = decodeLogsRequestJson(logsJson(records));
    expect(fromJson).toStrictEqual(decodeLogsRequestProtobuf(logsProtobuf(records)));
    const [withField, withAttribute] = fromJson.resourceLogs[0]?.scopeLogs[0]?.logRecords ?? [];
    expect(withField?.eventName).toBe("codon.node.completed");
    expect(withAttribute?.attributes["event.name"]).toBe("codon.legacy.event");
  });

  it("accepts severity names and rejects bad values with their path", () => {
    const text = (record: Record<string, unknown>) => JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] });
    const decoded = decodeLogsRequestJson(text({ severityNumber: "SEVERITY_NUMBER_WARN3", event_name: "e", body: { stringValue: "b" } }));
    expect(decoded.resourceLogs[0]?.scopeLogs[0]?.logRecords[0]).toMatchObject({ severityNumber: 15, eventName: "e", body: "b" });
    expect(decodeError(() => decodeLogsRequestJson(text({ body: "raw" }))).message).toMatch(
      /^resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.body: expected an AnyValue object/,
    );
    expect(decodeError(() => decodeLogsRequestJson(text({ spanId: "123" }))).message).toMatch(/logRecords\[0\]\.spanId: expected 16 hex digits/);
    expect(decodeError(() => decodeLogsRequestJson(JSON.stringify({ resourceLogs: [{ scopeLogs: 1 }] }))).message).toMatch(
      /^resourceLogs\[0\]\.scopeLogs: expected an array/,
    );
    expect(decodeLogsRequestJson("{}")).toStrictEqual({ resourceLogs: [] });
  });
});
