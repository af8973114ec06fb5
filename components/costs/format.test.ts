import { describe, expect, it } from "vitest";
import { formatBucketLabel, formatShare, formatTotal, formatUsdCompact, totalSentence } from "@/components/costs/format";

describe("formatUsdCompact", () => {
  it("keeps two significant digits below a dollar, without trailing zeros or exponents", () => {
    expect(formatUsdCompact(0)).toBe("$0");
    expect(formatUsdCompact(0.005)).toBe("$0.005");
    expect(formatUsdCompact(0.25)).toBe("$0.25");
    expect(formatUsdCompact(0.1)).toBe("$0.1");
    expect(formatUsdCompact(0.01234)).toBe("$0.012");
    expect(formatUsdCompact(0.0000004)).toBe("$0.0000004");
    expect(formatUsdCompact(0.999)).toBe("$1");
  });

  it("uses one decimal below ten dollars and whole dollars below a thousand", () => {
    expect(formatUsdCompact(1)).toBe("$1");
    expect(formatUsdCompact(1.5)).toBe("$1.5");
    expect(formatUsdCompact(9.96)).toBe("$10");
    expect(formatUsdCompact(12.4)).toBe("$12");
    expect(formatUsdCompact(999.4)).toBe("$999");
  });

  it("shortens thousands and millions, carrying into the next unit when rounding would", () => {
    expect(formatUsdCompact(999.6)).toBe("$1k");
    expect(formatUsdCompact(1200)).toBe("$1.2k");
    expect(formatUsdCompact(9960)).toBe("$10k");
    expect(formatUsdCompact(125_000)).toBe("$125k");
    expect(formatUsdCompact(999_600)).toBe("$1M");
    expect(formatUsdCompact(3_400_000)).toBe("$3.4M");
    expect(formatUsdCompact(45_000_000)).toBe("$45M");
  });

  it("handles negatives and non-finite input", () => {
    expect(formatUsdCompact(-2.5)).toBe("-$2.5");
    expect(formatUsdCompact(Number.NaN)).toBe("$0");
  });
});

describe("formatBucketLabel", () => {
  it("names days and weeks in UTC", () => {
    expect(formatBucketLabel("2025-11-21T00:00:00.000Z", "day")).toBe("Nov 21");
    expect(formatBucketLabel("2025-11-17T00:00:00.000Z", "week")).toBe("Wk of Nov 17");
    expect(formatBucketLabel("2026-01-01T00:00:00Z", "day")).toBe("Jan 1");
  });

  it("adds the year on request", () => {
    expect(formatBucketLabel("2025-11-21T00:00:00Z", "day", true)).toBe("Nov 21, 2025");
    expect(formatBucketLabel("2025-11-17T00:00:00Z", "week", true)).toBe("Wk of Nov 17, 2025");
  });

  it("shows an unparsable time as it is", () => {
    expect(formatBucketLabel("soon", "day")).toBe("soon");
  });
});

describe("totals and shares", () => {
  it("shows a zero total as dollars, not a dash", () => {
    expect(formatTotal(0)).toBe("$0.00");
    expect(formatTotal(12.345)).toBe("$12.35");
    expect(formatTotal(0.0012)).toBe("$0.0012");
  });

  it("gives shares to one decimal and marks slivers", () => {
    expect(formatShare(1, 8)).toBe("12.5%");
    expect(formatShare(8, 8)).toBe("100.0%");
    expect(formatShare(0.0001, 8)).toBe("<0.1%");
    expect(formatShare(0, 8)).toBe("0%");
    expect(formatShare(1, 0)).toBe("0%");
  });

  it("reads the header sentence naturally", () => {
    expect(totalSentence(12.34, 1234, "30d")).toBe("$12.34 across 1,234 runs in the last 30 days");
    expect(totalSentence(0, 1, "24h")).toBe("$0.00 across 1 run in the last 24 hours");
    expect(totalSentence(1.5, 2, "all")).toBe("$1.50 across 2 runs over all time");
  });
});
