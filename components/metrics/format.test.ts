import { describe, expect, it } from "vitest";
import { axisCaption, formatMetricValue, formatStep, formatStepTime, formatTick, kindLabel, unitText } from "@/components/metrics/format";

describe("units", () => {
  it("says what a unit means", () => {
    expect(unitText(null)).toBe("");
    expect(unitText("1")).toBe("");
    expect(unitText("By")).toBe("bytes");
    expect(unitText("{request}")).toBe("request");
    expect(unitText("ms")).toBe("ms");
  });

  it("formats values with their unit, scaled bytes, and rates per second", () => {
    expect(formatMetricValue(12.345, "ms")).toBe("12.35 ms");
    expect(formatMetricValue(1234, "1")).toBe("1,234");
    expect(formatMetricValue(1234, null, { short: true })).toBe("1.23K");
    expect(formatMetricValue(3_400_000, "By")).toBe("3.4 MB");
    expect(formatMetricValue(512, "By", { short: true })).toBe("512 B");
    expect(formatMetricValue(42, "%")).toBe("42%");
    expect(formatMetricValue(0.5, "{request}", { rate: true })).toBe("0.5 request/s");
    expect(formatMetricValue(Number.NaN, "ms")).toBe("—");
  });

  it("keeps ticks short: only scaled bytes and percentages carry a unit", () => {
    expect(formatTick(16, "{request}")).toBe("16");
    expect(formatTick(2500, "ms")).toBe("2.5K");
    expect(formatTick(2_500_000, "By")).toBe("2.5 MB");
    expect(formatTick(40, "%")).toBe("40%");
  });

  it("captions the y axis: a rate is per second", () => {
    expect(axisCaption("rate", "{request}")).toBe("request per second");
    expect(axisCaption("rate", "1")).toBe("per second");
    expect(axisCaption("distribution", "ms")).toBe("ms");
    expect(axisCaption("value", null)).toBe("value");
  });
});

describe("times and kinds", () => {
  const at = Date.parse("2026-11-21T14:05:09Z");
  it("prints steps in UTC, with the date over long windows and in tooltips", () => {
    expect(formatStepTime(at, 3_600_000)).toBe("14:05");
    expect(formatStepTime(at, 7 * 86_400_000)).toBe("Nov 21 14:05");
    expect(formatStepTime(at, 3_600_000, true)).toBe("Nov 21 14:05:09 UTC");
    expect(formatStep(30)).toBe("30 s");
    expect(formatStep(300)).toBe("5 min");
    expect(formatStep(5400)).toBe("1.5 h");
  });

  it("calls a monotonic sum a counter", () => {
    expect(kindLabel({ kind: "sum", monotonic: true })).toBe("counter");
    expect(kindLabel({ kind: "sum", monotonic: false })).toBe("up-down sum");
    expect(kindLabel({ kind: "histogram", monotonic: null })).toBe("histogram");
  });
});
