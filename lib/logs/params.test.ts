import { describe, expect, it } from "vitest";
import { encodeLogCursor, parseLogQuery, parseServiceLogQuery } from "@/lib/logs/params";
import { minSeverityNumber, severityLevel } from "@/lib/logs/severity";

const parse = (query: string) => parseLogQuery(new URLSearchParams(query));
const problem = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe("parseLogQuery", () => {
  it("reads defaults, filters and a cursor it handed out", () => {
    expect(parse("")).toEqual({ limit: 500, cursor: null, severity: null, text: null, span: null, node: null });
    const cursor = encodeLogCursor({ timeNs: "1764000000000000001", id: "a".repeat(32) });
    expect(parse(`severity=WARN&q=retry&traceId=${"A".repeat(32)}&spanId=${"b".repeat(16)}&limit=20&cursor=${cursor}`)).toEqual({
      limit: 20,
      cursor: { timeNs: "1764000000000000001", id: "a".repeat(32) },
      severity: "warn",
      text: "retry",
      span: { traceId: "a".repeat(32), spanId: "b".repeat(16) },
      node: null,
    });
    expect(parse("node=call_model").node).toBe("call_model");
  });

  it("names the parameter that is wrong", () => {
    expect(problem("severity=loud")).toBe("severity: must be one of trace, debug, info, warn, error, fatal");
    expect(problem(`traceId=${"a".repeat(32)}`)).toBe("spanId: give traceId and spanId together");
    expect(problem(`traceId=xyz&spanId=${"b".repeat(16)}`)).toBe("traceId: must be 32 hex digits");
    expect(problem("limit=5001")).toBe("limit: must be an integer from 1 to 5000");
    expect(problem(`cursor=${encodeLogCursor({ timeNs: "1", id: "not-a-key" })}`)).toMatch(/^cursor: /);
  });
});

describe("parseServiceLogQuery", () => {
  it("reads the service, window and withoutRun beside the list parameters", () => {
    const now = Date.UTC(2026, 11, 6);
    expect(parseServiceLogQuery(new URLSearchParams("service=api&from=1h&withoutRun=true&severity=error"), now)).toEqual({
      limit: 500,
      cursor: null,
      severity: "error",
      text: null,
      service: "api",
      withoutRun: true,
      fromNs: BigInt(now - 3_600_000) * 1_000_000n,
    });
    expect(() => parseServiceLogQuery(new URLSearchParams("withoutRun=yes"))).toThrow("withoutRun: must be true or false");
  });
});

describe("severity levels", () => {
  it("maps levels to their lowest number and numbers to their level", () => {
    expect(["trace", "debug", "info", "warn", "error", "fatal"].map((level) => minSeverityNumber(level as "info"))).toEqual([1, 5, 9, 13, 17, 21]);
    expect([0, 1, 4, 5, 12, 13, 17, 24, 25].map(severityLevel)).toEqual([null, "trace", "trace", "debug", "info", "warn", "error", "fatal", null]);
  });
});
