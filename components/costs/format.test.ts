import { describe, expect, it } from "vitest";
import { formatBucketLabel, formatShare, totalSentence } from "@/components/costs/format";

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
