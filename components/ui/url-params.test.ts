import { describe, expect, it } from "vitest";
import { withParams } from "@/components/ui/url-params";

describe("withParams", () => {
  it("sets, replaces and removes parameters, keeping the others", () => {
    expect(withParams("tab=ledger&node=a", { node: "b", token: "t1" })).toBe("tab=ledger&node=b&token=t1");
    expect(withParams("tab=ledger&node=a", { node: null, tab: "" })).toBe("");
    expect(withParams("", { q: "a b&c", cursor: undefined })).toBe("q=a+b%26c");
  });
});
