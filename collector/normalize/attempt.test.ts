import { describe, expect, it } from "vitest";
import { extractAttempt } from "@/collector/normalize/attempt";

describe("a span's attempt number", () => {
  it("reads attempt attributes, the most specific first", () => {
    expect(extractAttempt({ "agnt5.attempt": 3 })).toBe(3);
    expect(extractAttempt({ attempt: "2", "codon.node.attempt": 4 })).toBe(4);
    expect(extractAttempt({ "retry.attempt": 1 })).toBe(1);
  });

  it("counts an HTTP resend as the attempt after the ones before it", () => {
    expect(extractAttempt({ "http.request.resend_count": 0 })).toBe(1);
    expect(extractAttempt({ "http.request.resend_count": 2 })).toBe(3);
  });

  it("ignores what is not an attempt number", () => {
    expect(extractAttempt({})).toBeNull();
    expect(extractAttempt({ attempt: 0 })).toBeNull();
    expect(extractAttempt({ attempt: 1.5 })).toBeNull();
    expect(extractAttempt({ attempt: "first" })).toBeNull();
    expect(extractAttempt({ attempt: 10_000_000 })).toBeNull();
    expect(extractAttempt({ "http.request.resend_count": -1 })).toBeNull();
  });
});
