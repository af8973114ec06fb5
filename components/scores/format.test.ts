import { describe, expect, it } from "vitest";
import type { ScoreSummary } from "@/lib/scores/types";
import { describeScoreSummary, describeScoreValue, formatPassRate, formatScoreNumber, summarizeScore } from "@/components/scores/format";

const summary = (over: Partial<ScoreSummary>): ScoreSummary => ({ name: "answer_quality", dataType: "numeric", count: 24, runCount: 20, mean: 0.8234, labels: [], ...over });

describe("formatScoreNumber", () => {
  it("keeps integers whole and other values to two decimals, trailing zeros dropped", () => {
    expect(formatScoreNumber(3)).toBe("3");
    expect(formatScoreNumber(1250)).toBe("1,250");
    expect(formatScoreNumber(0.8234)).toBe("0.82");
    expect(formatScoreNumber(4.5)).toBe("4.5");
    expect(formatScoreNumber(19.999)).toBe("20");
    expect(formatScoreNumber(-0.5)).toBe("-0.5");
    expect(formatScoreNumber(123.6)).toBe("124");
  });

  it("keeps two significant digits of small values", () => {
    expect(formatScoreNumber(0.0012)).toBe("0.0012");
    expect(formatScoreNumber(0.001)).toBe("0.001");
    expect(formatScoreNumber(Number.NaN)).toBe("—");
  });
});

describe("formatPassRate", () => {
  it("is whole percent, with a decimal where rounding would hide a mixed set", () => {
    expect(formatPassRate(0.912)).toBe("91%");
    expect(formatPassRate(1)).toBe("100%");
    expect(formatPassRate(0)).toBe("0%");
    expect(formatPassRate(0.998)).toBe("99.8%");
    expect(formatPassRate(0.002)).toBe("0.2%");
  });
});

describe("describeScoreValue", () => {
  it("reads a boolean as pass or fail, without its own true / false label", () => {
    expect(describeScoreValue({ dataType: "boolean", value: 1, label: "true" })).toEqual({ text: "pass", pass: true });
    expect(describeScoreValue({ dataType: "boolean", value: 0, label: "false" })).toEqual({ text: "fail", pass: false });
    expect(describeScoreValue({ dataType: "boolean", value: 0, label: "ungrounded" })).toEqual({ text: "fail (ungrounded)", pass: false });
  });

  it("reads a number with its label, and a category as its label", () => {
    expect(describeScoreValue({ dataType: "numeric", value: 4, label: null })).toEqual({ text: "4", pass: null });
    expect(describeScoreValue({ dataType: "numeric", value: 0.75, label: "good" })).toEqual({ text: "0.75 (good)", pass: null });
    expect(describeScoreValue({ dataType: "categorical", value: null, label: "friendly" })).toEqual({ text: "friendly", pass: null });
    expect(describeScoreValue({ dataType: "categorical", value: null, label: null })).toEqual({ text: "—", pass: null });
  });
});

describe("summarizeScore", () => {
  it("gives the mean, the pass rate or the top label with the count", () => {
    expect(summarizeScore(summary({}))).toBe("answer_quality 0.82 (n=24)");
    expect(summarizeScore(summary({ name: "grounded", dataType: "boolean", mean: 0.9123 }))).toBe("grounded 91% pass (n=24)");
    expect(summarizeScore(summary({ name: "tone", dataType: "categorical", mean: null, labels: [{ label: "friendly", count: 12 }, { label: "curt", count: 3 }] }))).toBe(
      "tone friendly ×12 (n=24)",
    );
    expect(summarizeScore(summary({ mean: null, count: 1200 }))).toBe("answer_quality — (n=1,200)");
  });

  it("details a summary for the tooltip", () => {
    expect(describeScoreSummary(summary({ labels: [{ label: "good", count: 20 }] }))).toBe("answer_quality (numeric): mean 0.82 over 24 scores on 20 runs; labels: good 20");
    expect(describeScoreSummary(summary({ name: "grounded", dataType: "boolean", mean: 0.5, count: 1, runCount: 1 }))).toBe("grounded (boolean): pass rate 50% over 1 score on 1 run");
  });
});
