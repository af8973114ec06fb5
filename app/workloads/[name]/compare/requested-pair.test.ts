import { describe, expect, it } from "vitest";
import { readPair, toSearchParams } from "@/app/workloads/[name]/compare/requested-pair";

const id = (c: string) => c.repeat(64);
const params = (query: string) => new URLSearchParams(query);

describe("readPair", () => {
  it("accepts two logic ids, lower-casing them", () => {
    expect(readPair(params(`a=${id("A")}&b=${id("b")}`))).toEqual({ a: id("a"), b: id("b"), problems: [] });
  });

  it("is no problem on a first visit with neither given", () => {
    expect(readPair(params(""))).toEqual({ a: null, b: null, problems: [] });
    expect(readPair(params("a=&b=%20"))).toEqual({ a: null, b: null, problems: [] });
  });

  it("names the side that is missing or malformed", () => {
    expect(readPair(params(`a=${id("a")}`))).toMatchObject({ a: id("a"), b: null, problems: [expect.stringMatching(/^Candidate \(b\): is required/)] });
    const bad = readPair(params(`a=xyz&b=${id("c")}`));
    expect(bad).toMatchObject({ a: null, b: id("c") });
    expect(bad.problems).toEqual(["Baseline (a): must be a logic id: 64 hex characters"]);
  });

  it("rejects a parameter given twice", () => {
    expect(readPair(params(`a=${id("a")}&a=${id("b")}&b=${id("c")}`)).problems).toEqual(["Baseline (a): give it once"]);
  });
});

describe("toSearchParams", () => {
  it("keeps repeated values and skips undefined ones", () => {
    expect(toSearchParams({ a: ["1", "2"], b: "3", c: undefined }).toString()).toBe("a=1&a=2&b=3");
  });
});
