import { describe, expect, it } from "vitest";
import { readSearch, withScoreFilter } from "@/components/runs/runs-list/score-search";

describe("readSearch", () => {
  it("searches run ids unless the text starts with score:", () => {
    expect(readSearch("  run-123 ", [])).toEqual({ kind: "q", q: "run-123" });
    expect(readSearch("", [])).toEqual({ kind: "q", q: "" });
  });

  it("takes a valid score filter as typed after score:", () => {
    expect(readSearch("score:helpfulness < 3", [])).toEqual({ kind: "score", text: "helpfulness < 3" });
    expect(readSearch(' Score: "answer quality" >= 0.5', ["grounded = false"])).toEqual({ kind: "score", text: '"answer quality" >= 0.5' });
  });

  it("names what is wrong before anything is sent", () => {
    expect(readSearch("score:tone < rude", [])).toEqual({ kind: "error", message: expect.stringMatching(/^score: rude is not a number/) });
    expect(readSearch("score:", [])).toEqual({ kind: "error", message: expect.stringMatching(/^score: is empty/) });
  });

  it("refuses a fourth filter, but not one already given", () => {
    const three = ["a > 1", "b > 1", "c > 1"];
    expect(readSearch("score:d > 1", three)).toEqual({ kind: "error", message: "score: at most 3 score filters; remove one first" });
    expect(readSearch("score:b>1", three)).toEqual({ kind: "score", text: "b>1" });
  });
});

describe("withScoreFilter", () => {
  it("adds a filter once, whatever its spacing or spelling of a boolean", () => {
    expect(withScoreFilter([], "helpfulness < 3")).toEqual(["helpfulness < 3"]);
    expect(withScoreFilter(["helpfulness < 3"], "helpfulness<3")).toEqual(["helpfulness < 3"]);
    expect(withScoreFilter(["grounded = 0"], "grounded = FALSE")).toEqual(["grounded = 0"]);
    expect(withScoreFilter(["grounded = 0"], "grounded != false")).toEqual(["grounded = 0", "grounded != false"]);
  });

  it("keeps at most three, and treats a hand-edited filter that does not parse as no duplicate", () => {
    expect(withScoreFilter(["a > 1", "b > 1", "c > 1"], "d > 1")).toEqual(["a > 1", "b > 1", "c > 1"]);
    expect(withScoreFilter(["a >"], "a > 1")).toEqual(["a >", "a > 1"]);
  });
});
