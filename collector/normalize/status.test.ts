import { describe, expect, it } from "vitest";
import type { Attributes } from "@/collector/decode/model";
import { extractStatusCode, extractStatusMessage } from "@/collector/normalize/status";
import { makeDecodedSpan, makeSpanEvent } from "@/collector/normalize/testing";

describe("span status", () => {
  it.each([
    [0, undefined, "unset"],
    [1, undefined, "ok"],
    [2, undefined, "error"],
    [0, "OK", "ok"],
    [0, "ERROR", "error"],
    [1, "ERROR", "error"],
    [2, "OK", "error"],
    [0, "error", "error"],
    [0, "SOMETHING", "unset"],
  ] as const)("OTLP code %s with codon.node.status_code %s is %s", (code, codon, expected) => {
    const attributes: Attributes = codon === undefined ? {} : { "codon.node.status_code": codon };
    expect(extractStatusCode(makeDecodedSpan({ status: { code, message: "" }, attributes }))).toBe(expected);
  });

  it("takes the message from the status, then the Codon error, then the first exception event", () => {
    const exception = makeSpanEvent("exception", { "exception.message": "boom", "exception.type": "ValueError" });
    const later = makeSpanEvent("exception", { "exception.message": "later" });
    const attributes = { "codon.node.error_message": "node failed" };
    const status = (message: string) => ({ code: 2, message });
    expect(extractStatusMessage(makeDecodedSpan({ status: status("status says"), attributes, events: [exception] }))).toBe(
      "status says",
    );
    expect(extractStatusMessage(makeDecodedSpan({ status: status(""), attributes, events: [exception] }))).toBe("node failed");
    expect(extractStatusMessage(makeDecodedSpan({ status: status(""), events: [makeSpanEvent("log"), exception, later] }))).toBe(
      "boom",
    );
    expect(extractStatusMessage(makeDecodedSpan({ events: [makeSpanEvent("exception", {})] }))).toBeNull();
    expect(extractStatusMessage(makeDecodedSpan())).toBeNull();
  });
});
