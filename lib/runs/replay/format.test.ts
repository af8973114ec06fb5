import { describe, expect, it } from "vitest";
import { bounded, lineageChain, prettyJson, splitMetadata } from "@/lib/runs/replay/format";
import { clampStep, parseReplayStep, stepIntervalMs, travelMs } from "@/lib/runs/replay/position";

describe("lineageChain", () => {
  it("joins the nodes with arrows and names the entry", () => {
    expect(lineageChain(["__entry__", "draft", "review", "draft"])).toBe("entry → draft → review → draft");
    expect(lineageChain([])).toBe("");
  });

  it("shortens a long loop around a count", () => {
    const loop = Array.from({ length: 20 }, (_, i) => (i % 2 ? "review" : "draft"));
    expect(lineageChain(loop, 6)).toBe("draft → review → … 15 more → review → draft → review");
  });
});

describe("panel text", () => {
  it("bounds text and says how much is left out", () => {
    expect(bounded("abcdef", 4)).toEqual({ text: "abcd", omitted: 2 });
    expect(bounded("abc", 4)).toEqual({ text: "abc", omitted: 0 });
  });

  it("pretty-prints values and JSON text, leaves other text alone", () => {
    expect(prettyJson({ a: 1 }).text).toBe('{\n  "a": 1\n}');
    expect(prettyJson('{"round":2}').text).toBe('{\n  "round": 2\n}');
    expect(prettyJson("{not json").text).toBe("{not json");
    const big = { big: "x".repeat(100) };
    expect(prettyJson(big, 20)).toEqual({ text: JSON.stringify(big, null, 2).slice(0, 20), omitted: JSON.stringify(big, null, 2).length - 20 });
  });

  it("takes the payload out of the metadata", () => {
    expect(splitMetadata({ payload_repr: "{}", seed: true })).toEqual({ payload: "{}", rest: { seed: true } });
    expect(splitMetadata({})).toEqual({ payload: null, rest: null });
  });
});

describe("replay position", () => {
  it("reads ?replay= as a 1-based step, absent meaning closed", () => {
    expect(parseReplayStep(null)).toBeNull();
    expect(parseReplayStep("")).toBe(1);
    expect(parseReplayStep("12")).toBe(12);
    expect(parseReplayStep("0")).toBe(1);
    expect(parseReplayStep("abc")).toBe(1);
    expect(parseReplayStep("2.5")).toBe(1);
  });

  it("clamps a step to the ledger", () => {
    expect(clampStep(500, 40)).toBe(40);
    expect(clampStep(0, 40)).toBe(1);
    expect(clampStep(3, 0)).toBe(1);
  });

  it("plays faster at a higher speed, the token never slower than its step", () => {
    expect(stepIntervalMs(1)).toBe(800);
    expect(stepIntervalMs(10)).toBe(80);
    expect(travelMs(1)).toBe(600);
    expect(travelMs(50)).toBe(13);
  });
});
