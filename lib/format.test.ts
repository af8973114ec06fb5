import { describe, expect, it } from "vitest";
import { formatDurationNs, formatTimestampNs, nsToDate } from "./format";

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
