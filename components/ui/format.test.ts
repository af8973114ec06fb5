import { describe, expect, it } from "vitest";
import { formatAge, formatCost, formatDurationNs, formatMs, formatTimestampNs, formatTokens, nsToDate, shortId } from "@/components/ui/format";

describe("formatDurationNs", () => {
  it("picks a unit that fits the magnitude", () => {
    expect(formatDurationNs("750000")).toBe("750 µs");
    expect(formatDurationNs("2500000")).toBe("2.5 ms");
    expect(formatDurationNs("125000000")).toBe("125 ms");
    expect(formatDurationNs("3210000000")).toBe("3.21 s");
    expect(formatDurationNs("95000000000")).toBe("1 min 35 s");
  });
});

describe("nsToDate", () => {
  it("keeps millisecond precision of a nanosecond timestamp beyond 2^53", () => {
    expect(nsToDate("1732190000123456789").toISOString()).toBe("2024-11-21T11:53:20.123Z");
    expect(formatTimestampNs(1732190000123456789n)).toBe("2024-11-21 11:53:20 UTC");
  });
});

describe("run figures", () => {
  it("formats milliseconds, tokens, costs, ids and ages", () => {
    expect(formatMs(0.85)).toBe("850 µs");
    expect(formatMs(1250)).toBe("1.25 s");
    expect(formatTokens(1234)).toBe("1,234");
    expect(formatTokens(12_345)).toBe("12.3k");
    expect(formatTokens(4_500_000)).toBe("4.5M");
    expect(formatCost(0)).toBe("—");
    expect(formatCost(0.00123)).toBe("$0.0012");
    expect(formatCost(0.00001)).toBe("<$0.0001");
    expect(formatCost(1234.5)).toBe("$1,234.50");
    expect(shortId("603dd8072ba07c4aaa9d")).toBe("603dd8072ba0");
    expect(formatAge("2026-11-21T11:58:00Z", Date.parse("2026-11-21T12:00:00Z"))).toBe("2 min ago");
    expect(formatAge("2026-11-19T12:00:00Z", Date.parse("2026-11-21T12:00:00Z"))).toBe("2 d ago");
  });
});
