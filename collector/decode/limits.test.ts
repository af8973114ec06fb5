import { describe, expect, it } from "vitest";
import { DecodeBudget, DEFAULT_DECODE_LIMITS, ExportLimitError, TRUNCATED_MARKER, type DecodeLimits } from "@/collector/decode/limits";
import { decodeTraceRequestJson } from "@/collector/decode/json";
import { decodeTraceRequestProtobuf } from "@/collector/decode/protobuf";
import { pb } from "@/collector/decode/testing/wire";

const limits: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, maxSpansPerExport: 3, maxAttributes: 2, maxEventsPerSpan: 1, maxLinksPerSpan: 1, maxAttributeKeyLength: 5, maxAttributeValueLength: 4 };
const utf8 = (s: string) => new TextEncoder().encode(s);

// Hand-made protobuf: field numbers from opentelemetry/proto/trace/v1/trace.proto.
const span = (...fields: Uint8Array[]) => pb.len(2, ...fields);
const request = (...spans: Uint8Array[]) => pb.len(1, pb.len(2, ...spans));
const withKv = (field: number, key: string, value: string) => pb.len(field, pb.len(1, utf8(key)), pb.len(2, pb.len(1, utf8(value))));

const jsonKv = (key: string, value: string) => ({ key, value: { stringValue: value } });
const jsonRequest = (spans: object[]) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });

describe.each([
  ["protobuf", (spans: number) => request(...Array.from({ length: spans }, () => span())), (b: Uint8Array | string, budget: DecodeBudget) => decodeTraceRequestProtobuf(b as Uint8Array, budget)],
  ["JSON", (spans: number) => jsonRequest(Array.from({ length: spans }, () => ({}))), (b: Uint8Array | string, budget: DecodeBudget) => decodeTraceRequestJson(b as string, budget)],
] as const)("decode limits (%s)", (format, spans, decode) => {
  const budget = () => new DecodeBudget(limits, format);

  it("refuses an export with more spans than the limit, whole", () => {
    expect(decode(spans(3), budget()).resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(3);
    expect(() => decode(spans(4), budget())).toThrow(ExportLimitError);
    expect(() => decode(spans(4), budget())).toThrow(/more than 3 spans/);
  });

  it("refuses an export that would build more values than the budget", () => {
    const tight = new DecodeBudget({ ...limits, maxSpansPerExport: 1000, maxValuesPerExport: 10 }, format);
    expect(() => decode(spans(11), tight)).toThrow(ExportLimitError);
  });
});

describe("per-item limits (SDK style: keep the first, drop and count the rest)", () => {
  it("protobuf: drops attributes past the count, over-long keys, extra events and links; cuts long strings", () => {
    const budget = new DecodeBudget(limits, "protobuf");
    const bytes = request(
      span(
        withKv(9, "a", "1"), withKv(9, "toolongkey", "x"), withKv(9, "b", "123456"), withKv(9, "c", "3"), withKv(9, "a", "9"),
        pb.len(11, pb.len(2, utf8("e1"))), pb.len(11, pb.len(2, utf8("e2"))),
        pb.len(13), pb.len(13),
        pb.len(5, utf8("a-very-long-name")),
      ),
    );
    const decoded = decodeTraceRequestProtobuf(bytes, budget).resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(decoded.attributes).toEqual({ a: "9", b: `1234${TRUNCATED_MARKER}` });
    expect(decoded.events.map((e) => e.name)).toEqual(["e1"]);
    expect(decoded.links).toHaveLength(1);
    expect(decoded.name).toBe(`a-ve${TRUNCATED_MARKER}`);
    expect(budget.stats).toEqual({ droppedAttributes: 2, droppedEvents: 1, droppedLinks: 1, truncatedValues: 2 });
  });

  it("JSON: the same limits, the same counts", () => {
    const budget = new DecodeBudget(limits, "JSON");
    const text = jsonRequest([
      {
        name: "a-very-long-name",
        attributes: [jsonKv("a", "1"), jsonKv("toolongkey", "x"), jsonKv("b", "123456"), jsonKv("c", "3"), jsonKv("a", "9")],
        events: [{ name: "e1" }, { name: "e2" }],
        links: [{}, {}],
      },
    ]);
    const decoded = decodeTraceRequestJson(text, budget).resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(decoded.attributes).toEqual({ a: "9", b: `1234${TRUNCATED_MARKER}` });
    expect(decoded.events.map((e) => e.name)).toEqual(["e1"]);
    expect(decoded.links).toHaveLength(1);
    expect(decoded.name).toBe(`a-ve${TRUNCATED_MARKER}`);
    expect(budget.stats).toEqual({ droppedAttributes: 2, droppedEvents: 1, droppedLinks: 1, truncatedValues: 2 });
  });

  it("cuts a multi-byte string by UTF-16 units without splitting a surrogate pair", () => {
    const budget = new DecodeBudget({ ...limits, maxAttributeValueLength: 3 }, "protobuf");
    const decoded = decodeTraceRequestProtobuf(request(span(pb.len(5, utf8("é😀😀")))), budget);
    expect(decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.name).toBe(`é😀${TRUNCATED_MARKER}`);
  });

  it("refuses an 8M-empty-span export after the limit, without building the rest", () => {
    const emptySpans = new Uint8Array(8_000_000 * 2);
    for (let i = 0; i < emptySpans.length; i += 2) emptySpans[i] = 0x12; // field 2, LEN, length 0
    const bytes = pb.len(1, pb.len(2, emptySpans));
    const t0 = performance.now();
    expect(() => decodeTraceRequestProtobuf(bytes)).toThrow(ExportLimitError);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
