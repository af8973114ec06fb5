import { describe, expect, it } from "vitest";
import { briefFigure, describeBrief, describeBriefs } from "@/components/runs/runs-list/score-brief";
import type { RunScoreBrief } from "@/lib/scores/types";

const brief = (overrides: Partial<RunScoreBrief>): RunScoreBrief => ({ name: "helpfulness", dataType: "numeric", count: 1, mean: 4, label: null, ...overrides });

describe("briefFigure", () => {
  it("shows a number's mean, a boolean's pass, fail or pass rate, a label", () => {
    expect(briefFigure(brief({ mean: 4.5, count: 2 }))).toEqual({ text: "4.5", pass: null });
    expect(briefFigure(brief({ name: "grounded", dataType: "boolean", mean: 1 }))).toEqual({ text: "✓", spoken: "pass", pass: true });
    expect(briefFigure(brief({ name: "grounded", dataType: "boolean", mean: 0 }))).toEqual({ text: "✗", spoken: "fail", pass: false });
    expect(briefFigure(brief({ name: "grounded", dataType: "boolean", mean: 2 / 3, count: 3 }))).toEqual({ text: "67%", spoken: "67% pass", pass: null });
    expect(briefFigure(brief({ name: "tone", dataType: "categorical", mean: null, label: "rude" }))).toEqual({ text: "rude", pass: null });
    expect(briefFigure(brief({ mean: null }))).toEqual({ text: "—", pass: null });
  });
});

describe("describeBrief", () => {
  it("says how many scores a figure stands for", () => {
    expect(describeBrief(brief({ mean: 4.5, count: 2 }))).toBe("helpfulness: mean 4.5 of 2 scores");
    expect(describeBrief(brief({ mean: 3 }))).toBe("helpfulness: 3");
    expect(describeBrief(brief({ name: "grounded", dataType: "boolean", mean: 0 }))).toBe("grounded: fail");
    expect(describeBrief(brief({ name: "grounded", dataType: "boolean", mean: 0.5, count: 2 }))).toBe("grounded: 50% pass of 2 scores");
    expect(describeBrief(brief({ name: "tone", dataType: "categorical", mean: null, label: "rude", count: 3 }))).toBe("tone: mostly rude (3 scores)");
    expect(describeBrief(brief({ name: "tone", dataType: "categorical", mean: null, label: "rude" }))).toBe("tone: rude");
  });

  it("lists every name, one a line", () => {
    expect(describeBriefs([brief({}), brief({ name: "tone", dataType: "categorical", mean: null, label: "ok" })])).toBe("helpfulness: 4\ntone: ok");
  });
});
