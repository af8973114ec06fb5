import { describe, expect, it } from "vitest";
import { DEFAULT_DECODE_LIMITS } from "@/collector/decode";
import { compileRules } from "@/lib/redaction/compile";
import { redactBatch } from "@/collector/redaction/redact-batch";
import { RecordKind } from "@/collector/spool/frame";
import { recordRows } from "@/collector/spool/records";
import { decodeRedactedRows, encodeRedactedRows } from "@/collector/spool/redacted-rows";
import { encodeTraceRequest, makeCodonNodeSpans } from "@/collector/testing/otlp-payloads";

describe("redacted rows in the spool", () => {
  it("come back from disk exactly as written (bigints, buffers, nested JSON), marked as redacted", async () => {
    const rows = await recordRows(RecordKind.TracesProtobuf, "acme", encodeTraceRequest(makeCodonNodeSpans("rows-run")), DEFAULT_DECODE_LIMITS);
    expect(rows.spans).toHaveLength(3);
    const back = decodeRedactedRows(encodeRedactedRows(rows));
    expect(back).toEqual(rows);
    const everything = compileRules([{ kind: "pattern", name: "any", pattern: "[a-z]+", action: "mask" }]).compiled;
    const atWrite = await redactBatch(back, async () => ({ rules: everything, hashKey: new Uint8Array(32) }));
    expect(atWrite.spans.every((span, i) => span === back.spans[i])).toBe(true);
    // The same rows, not marked, would be rewritten by that rule: the mark is what spares them.
    expect((await redactBatch(rows, async () => ({ rules: everything, hashKey: new Uint8Array(32) }))).spans[0]).not.toBe(rows.spans[0]);
  });

  it("refuses a payload of another format or shape (the drainer sets such a record aside)", () => {
    const good = encodeRedactedRows({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [] });
    expect(() => decodeRedactedRows(Uint8Array.of(2, ...good.subarray(1)))).toThrow("unknown format 2");
    expect(() => decodeRedactedRows(new Uint8Array(0))).toThrow("unknown format");
    const notRows = encodeRedactedRows({ spans: "nope" } as never);
    expect(() => decodeRedactedRows(notRows)).toThrow("shape");
  });
});
