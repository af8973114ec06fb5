import { describe, expect, it } from "vitest";
import { formatCost, formatDurationMs, formatTokenCount, formatTokens } from "@/components/runs/run-dag/format";

describe("formatDurationMs", () => {
  it("uses ms, then seconds with one decimal, then minutes and padded seconds", () => {
    expect(formatDurationMs(0)).toBe("0 ms");
    expect(formatDurationMs(0.3)).toBe("<1 ms");
    expect(formatDurationMs(850)).toBe("850 ms");
    expect(formatDurationMs(999.4)).toBe("999 ms");
    expect(formatDurationMs(999.6)).toBe("1.0 s");
    expect(formatDurationMs(1234)).toBe("1.2 s");
    expect(formatDurationMs(59_940)).toBe("59.9 s");
    expect(formatDurationMs(59_960)).toBe("1m 00s");
    expect(formatDurationMs(123_000)).toBe("2m 03s");
    expect(formatDurationMs(3_723_000)).toBe("1h 02m");
  });

  it("does not print nonsense for bad input", () => {
    expect(formatDurationMs(Number.NaN)).toBe("–");
    expect(formatDurationMs(-5)).toBe("–");
  });
});

describe("formatTokens", () => {
  it("abbreviates thousands and millions", () => {
    expect(formatTokenCount(340)).toBe("340");
    expect(formatTokenCount(1000)).toBe("1k");
    expect(formatTokenCount(1234)).toBe("1.2k");
    expect(formatTokenCount(45_678)).toBe("45.7k");
    expect(formatTokenCount(123_456)).toBe("123k");
    expect(formatTokenCount(999_600)).toBe("1M");
    expect(formatTokenCount(2_500_000)).toBe("2.5M");
  });

  it("shows input→output, or nothing when no tokens were used", () => {
    expect(formatTokens(1200, 340)).toBe("1.2k→340 tok");
    expect(formatTokens(0, 12)).toBe("0→12 tok");
    expect(formatTokens(0, 0)).toBeNull();
  });
});

describe("formatCost", () => {
  it("shows four decimals under a dollar, two above, and omits zero", () => {
    expect(formatCost(0.0123)).toBe("$0.0123");
    expect(formatCost(0.00001)).toBe("<$0.0001");
    expect(formatCost(3.456)).toBe("$3.46");
    expect(formatCost(0)).toBeNull();
  });
});
