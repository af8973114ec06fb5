import { describe, expect, it } from "vitest";
import { formatAge, formatCost, formatDurationNs, formatMs, formatTimestampIso, formatTimestampNs, formatTokens, formatUsdCompact, nsToDate, shortId } from "@/components/ui/format";

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

  it("writes an ISO time from the API the same way, whatever its offset", () => {
    expect(formatTimestampIso("2024-11-21T11:53:20.123Z")).toBe("2024-11-21 11:53:20 UTC");
    expect(formatTimestampIso("2024-11-21T12:53:20+01:00")).toBe("2024-11-21 11:53:20 UTC");
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

describe("formatTokens, compact (a DAG node's card)", () => {
  const compact = (n: number) => formatTokens(n, { compact: true });
  it("abbreviates thousands and millions", () => {
    expect(compact(340)).toBe("340");
    expect(compact(1000)).toBe("1k");
    expect(compact(1234)).toBe("1.2k");
    expect(compact(45_678)).toBe("45.7k");
    expect(compact(123_456)).toBe("123k");
    expect(compact(999_600)).toBe("1M");
    expect(compact(2_500_000)).toBe("2.5M");
  });
});

describe("formatCost: what no cost reads as", () => {
  it("omits zero on a node card, which shows four decimals under a dollar and two above", () => {
    expect(formatCost(0.0123, { zero: null })).toBe("$0.0123");
    expect(formatCost(0.00001, { zero: null })).toBe("<$0.0001");
    expect(formatCost(3.456, { zero: null })).toBe("$3.46");
    expect(formatCost(0, { zero: null })).toBeNull();
  });

  it("reads a real zero as $0 in a → b, where a dash means no figure", () => {
    expect(formatCost(0, { zero: "$0" })).toBe("$0");
    expect(formatCost(0.0123, { zero: "$0" })).toBe("$0.0123");
  });

  it("shows a zero total as dollars, not a dash", () => {
    const total = (usd: number) => formatCost(usd, { zero: "$0.00" });
    expect(total(0)).toBe("$0.00");
    expect(total(12.345)).toBe("$12.35");
    expect(total(0.0012)).toBe("$0.0012");
  });
});

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

describe("formatUsdCompact without abbreviations (small figures)", () => {
  it("keeps two significant digits without trailing zeros, and whole dollars from ten", () => {
    const tick = (usd: number) => formatUsdCompact(usd, { abbreviate: false });
    expect(tick(0)).toBe("$0");
    expect(tick(0.003)).toBe("$0.003");
    expect(tick(0.0125)).toBe("$0.013");
    expect(tick(1.2)).toBe("$1.2");
    expect(tick(1)).toBe("$1");
    expect(tick(10)).toBe("$10");
    expect(tick(1234.5)).toBe("$1,235");
  });
});
