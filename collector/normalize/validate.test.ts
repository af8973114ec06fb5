import { describe, expect, it } from "vitest";
import { normalizeTraces } from "@/collector/normalize";
import { makeDecodedSpan, makeTraceRequest, spanIdOf, TENANT, traceIdOf } from "@/collector/normalize/testing";
import { MAX_REJECTION_MESSAGES, RejectionLog, validateSpan } from "@/collector/normalize/validate";

describe("span validation", () => {
  it("accepts a well-formed span", () => {
    expect(validateSpan(makeDecodedSpan())).toBeNull();
    expect(validateSpan(makeDecodedSpan({ parentSpanId: spanIdOf(9) }))).toBeNull();
  });

  it("names the record and the fix", () => {
    const span = makeDecodedSpan({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "0000000000000000" });
    expect(validateSpan(span)).toBe(
      "span 0000000000000000 in trace 4bf92f3577b34da6a3ce929d0e0e4736: spanId must be 16 lowercase hex characters, not all zero",
    );
  });

  it.each([
    ["an all-zero trace id", { traceId: "0".repeat(32) }, "traceId must be 32 lowercase hex characters"],
    ["an uppercase trace id", { traceId: "4BF92F3577B34DA6A3CE929D0E0E4736" }, "traceId must be 32 lowercase hex"],
    ["a short trace id", { traceId: "abc" }, "traceId must be 32"],
    ["an empty span id", { spanId: "" }, "span (empty) in trace"],
    ["a non-hex span id", { spanId: "zzzzzzzzzzzzzzzz" }, "spanId must be 16"],
    ["a bad parent id", { parentSpanId: "123" }, 'parentSpanId must be "" for a root span'],
    ["an empty name", { name: "" }, "name must not be empty"],
    ["a zero start time", { startTimeUnixNano: 0n }, "startTimeUnixNano must be set"],
    ["a start time past int8", { startTimeUnixNano: 2n ** 63n }, "startTimeUnixNano must be at most 2^63-1"],
    ["an end time past int8", { endTimeUnixNano: 2n ** 63n }, "endTimeUnixNano must be between 0 and 2^63-1"],
  ])("rejects %s", (_label, overrides, fragment) => {
    expect(validateSpan(makeDecodedSpan(overrides))).toContain(fragment);
  });

  it("lists every problem of a span in one message", () => {
    const message = validateSpan(makeDecodedSpan({ name: "", startTimeUnixNano: 0n }));
    expect(message).toContain("name must not be empty; startTimeUnixNano must be set");
  });

  it("treats an all-zero parent id as a root span", () => {
    expect(validateSpan(makeDecodedSpan({ parentSpanId: "0".repeat(16) }))).toBeNull();
  });

  it("keeps at most a few distinct messages but counts every rejection", () => {
    const log = new RejectionLog();
    for (let i = 0; i < 8; i += 1) log.reject(`message ${i}`);
    log.reject("message 0");
    const rejection = log.toRejection();
    expect(rejection.count).toBe(9);
    expect(rejection.messages).toHaveLength(MAX_REJECTION_MESSAGES);
    expect(new Set(rejection.messages).size).toBe(MAX_REJECTION_MESSAGES);
  });

  it("drops invalid spans from an export and keeps the rest", () => {
    const spans = [
      makeDecodedSpan({ spanId: spanIdOf(1) }),
      makeDecodedSpan({ spanId: "0000000000000000" }),
      makeDecodedSpan({ spanId: spanIdOf(3), traceId: "nothex" }),
      makeDecodedSpan({ spanId: spanIdOf(4), traceId: traceIdOf(2) }),
      makeDecodedSpan({ spanId: spanIdOf(5), name: "" }),
      makeDecodedSpan({ spanId: spanIdOf(6), name: "" }),
    ];
    const result = normalizeTraces(makeTraceRequest(spans), TENANT);
    expect(result.spans.map((row) => row.span_id)).toEqual([spanIdOf(1), spanIdOf(4)]);
    expect(result.rejected.count).toBe(4);
    expect(result.rejected.messages).toHaveLength(4);
    expect(result.rejected.messages[0]).toMatch(/^span 0000000000000000 in trace a+1: spanId must be/);
    expect(result.rejected.messages[1]).toContain("in trace nothex: traceId must be");
  });
});
