import { describe, expect, it } from "vitest";
import { withParams } from "@/components/ui/url-params";

describe("withParams", () => {
  it("sets, replaces and removes parameters, keeping the others", () => {
    expect(withParams("tab=ledger&node=a", { node: "b", token: "t1" })).toBe("tab=ledger&node=b&token=t1");
    expect(withParams("tab=ledger&node=a", { node: null, tab: "" })).toBe("");
    expect(withParams("", { q: "a b&c", cursor: undefined })).toBe("q=a+b%26c");
  });
});

describe("withParams with repeated parameters", () => {
  it("sets and removes single parameters as withParams does", () => {
    expect(withParams("status=failed&q=a", { q: "b", cursor: null })).toBe("status=failed&q=b");
    expect(withParams("status=failed&q=a", { q: "", status: undefined })).toBe("");
  });

  it("repeats a parameter given a list, replacing what it held", () => {
    expect(withParams("score=a%3C1&status=failed", { score: ["a < 1", "b = x"] })).toBe("status=failed&score=a+%3C+1&score=b+%3D+x");
    expect(new URLSearchParams(withParams("", { score: ["a < 1", "", "c > 2"] })).getAll("score")).toEqual(["a < 1", "c > 2"]);
    expect(withParams("score=a&score=b&q=x", { score: [] })).toBe("q=x");
  });

  it("applies an edit to the values the query holds", () => {
    const search = "score=a&q=x&score=b";
    expect(withParams(search, { score: (current) => [...current, "c"] })).toBe("q=x&score=a&score=b&score=c");
    expect(withParams(search, { score: (current) => current.filter((v) => v !== "a") })).toBe("q=x&score=b");
    expect(withParams("q=x", { score: (current) => current })).toBe("q=x");
  });
});
