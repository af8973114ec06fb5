import { describe, expect, it } from "vitest";
import { formatDurationMs, formatTokenPair } from "@/components/runs/run-dag/format";

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

describe("formatTokenPair", () => {
  it("shows input→output, or nothing when no tokens were used", () => {
    expect(formatTokenPair(1200, 340)).toBe("1.2k→340 tok");
    expect(formatTokenPair(0, 12)).toBe("0→12 tok");
    expect(formatTokenPair(0, 0)).toBeNull();
  });
});
