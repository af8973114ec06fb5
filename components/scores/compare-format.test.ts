import { describe, expect, it } from "vitest";
import type { ScoreSideFigures } from "@/lib/scores/types";
import { boxQuantiles, deltaTone, describeSide, formatPValue, formatScoreDelta, labelRows } from "@/components/scores/compare-format";

const side = (over: Partial<ScoreSideFigures>): ScoreSideFigures => ({ count: 10, mean: null, quantiles: null, labels: [], ...over });

describe("describeSide", () => {
  it("reads the mean, the pass rate or the top label's share", () => {
    expect(describeSide("numeric", side({ mean: 3.456 }))).toBe("3.46");
    expect(describeSide("boolean", side({ mean: 0.8 }))).toBe("80% pass");
    expect(describeSide("categorical", side({ labels: [{ label: "friendly", count: 7 }] }))).toBe("friendly (7/10)");
  });

  it("is a dash for a side without scores", () => {
    expect(describeSide("numeric", side({ count: 0 }))).toBe("—");
    expect(describeSide("numeric", side({ mean: null }))).toBe("—");
  });
});

describe("formatScoreDelta", () => {
  it("signs the change in the score's units, or in points for a pass rate", () => {
    expect(formatScoreDelta("numeric", 0.12)).toBe("+0.12");
    expect(formatScoreDelta("numeric", -0.5)).toBe("\u22120.5");
    expect(formatScoreDelta("numeric", 0)).toBe("±0");
    expect(formatScoreDelta("boolean", -0.08)).toBe("\u22128.0 pp");
    expect(formatScoreDelta("boolean", 0.125)).toBe("+12.5 pp");
  });

  it("has none for labels or a missing side", () => {
    expect(formatScoreDelta("categorical", 1)).toBeNull();
    expect(formatScoreDelta("numeric", null)).toBeNull();
  });
});

describe("deltaTone", () => {
  it("calls higher better by default, and can be turned around", () => {
    expect(deltaTone({ dataType: "numeric", delta: 0.1 })).toBe("better");
    expect(deltaTone({ dataType: "boolean", delta: -0.1 })).toBe("worse");
    expect(deltaTone({ dataType: "numeric", delta: 0.1 }, false)).toBe("worse");
    expect(deltaTone({ dataType: "numeric", delta: 0 })).toBe("flat");
    expect(deltaTone({ dataType: "categorical", delta: null })).toBe("none");
  });
});

describe("formatPValue", () => {
  it("gives four decimals, or a bound when tiny", () => {
    expect(formatPValue(0.01234)).toBe("p = 0.0123");
    expect(formatPValue(0.00001)).toBe("p < 0.0001");
    expect(formatPValue(null)).toBeNull();
  });
});

describe("labelRows", () => {
  it("lines both sides' labels up, most common overall first", () => {
    const a = side({ labels: [{ label: "friendly", count: 2 }, { label: "curt", count: 5 }] });
    const b = side({ labels: [{ label: "friendly", count: 6 }, { label: "rude", count: 1 }] });
    expect(labelRows(a, b)).toEqual([
      { label: "friendly", a: 2, b: 6 },
      { label: "curt", a: 5, b: 0 },
      { label: "rude", a: 0, b: 1 },
    ]);
  });
});

describe("boxQuantiles", () => {
  it("takes five finite quantiles only", () => {
    expect(boxQuantiles(side({ quantiles: [1, 2, 3, 4, 5] }))).toEqual([1, 2, 3, 4, 5]);
    expect(boxQuantiles(side({ quantiles: [1, 2, 3] }))).toBeNull();
    expect(boxQuantiles(side({ quantiles: null }))).toBeNull();
  });
});
