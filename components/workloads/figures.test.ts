import { describe, expect, it } from "vitest";
import { avgTokens, costOrDash, DASH, exactTime, msOrDash, rateOrDash } from "@/components/workloads/figures";

describe("nullable figures", () => {
  it("show a dash for null, never 0", () => {
    expect(msOrDash(null)).toBe(DASH);
    expect(rateOrDash(null)).toBe(DASH);
    expect(costOrDash(null)).toBe(DASH);
    expect(avgTokens(null, null)).toBeNull();
  });

  it("format present values", () => {
    expect(msOrDash(1250)).toBe("1.25 s");
    expect(rateOrDash(0)).toBe("0.0%");
    expect(rateOrDash(0.125)).toBe("12.5%");
    expect(costOrDash(0.0123)).toBe("$0.0123");
  });
});

describe("avgTokens", () => {
  it("sums input and output, rounded, with the split for a title", () => {
    expect(avgTokens(1200.4, 300.4)).toEqual({ total: "1,500", split: "1,200 in · 300 out per run" });
    expect(avgTokens(20_000, 5_000)).toEqual({ total: "25.0k", split: "20.0k in · 5,000 out per run" });
  });
});

describe("exactTime", () => {
  it("is the UTC time without the T and fraction", () => {
    expect(exactTime("2026-01-02T13:04:05.123Z")).toBe("2026-01-02 13:04:05 UTC");
    expect(exactTime("2026-01-02T13:04:05Z")).toBe("2026-01-02 13:04:05 UTC");
  });
});
