import { describe, expect, it } from "vitest";
import { compareHref, pickerPair, versionOptionLabel } from "@/components/compare/version-compare/pair";

const id = (c: string) => c.repeat(64);

describe("pickerPair", () => {
  const versions = [{ logicId: id("3") }, { logicId: id("2") }, { logicId: id("1") }];

  it("defaults to the newest version against the one before it", () => {
    expect(pickerPair(versions, { a: null, b: null })).toEqual({ a: id("2"), b: id("3") });
  });

  it("keeps requested ids the workload has and fills the other side with a different version", () => {
    expect(pickerPair(versions, { a: id("1"), b: id("2") })).toEqual({ a: id("1"), b: id("2") });
    expect(pickerPair(versions, { a: id("3"), b: null })).toEqual({ a: id("3"), b: id("2") });
    expect(pickerPair(versions, { a: null, b: id("1") })).toEqual({ a: id("3"), b: id("1") });
    expect(pickerPair(versions, { a: id("f"), b: id("e") })).toEqual({ a: id("2"), b: id("3") });
  });

  it("keeps a requested same-version pair so the page can say so", () => {
    expect(pickerPair(versions, { a: id("2"), b: id("2") })).toEqual({ a: id("2"), b: id("2") });
  });

  it("has nothing to offer below two versions", () => {
    expect(pickerPair([{ logicId: id("1") }], { a: null, b: null })).toBeNull();
  });
});

describe("versionOptionLabel / compareHref", () => {
  it("reads version, short logic id and runs", () => {
    expect(versionOptionLabel({ logicId: id("ab"), version: "1.4.0", runCount: 1234 })).toBe("1.4.0 · abababababab · 1,234 runs");
    expect(versionOptionLabel({ logicId: id("c"), version: null, runCount: 1 })).toBe("unversioned · cccccccccccc · 1 run");
  });

  it("links to the compare page with the name encoded", () => {
    expect(compareHref("research/agent v2", "a1", "b2")).toBe("/workloads/research%2Fagent%20v2/compare?a=a1&b=b2");
  });
});
