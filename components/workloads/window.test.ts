import { describe, expect, it } from "vitest";
import { parseWindowKey, windowFrom, windowPhrase } from "@/components/workloads/window";

describe("parseWindowKey", () => {
  it("accepts the four known windows", () => {
    for (const key of ["24h", "7d", "30d", "all"] as const) expect(parseWindowKey(key, "30d")).toBe(key);
  });

  it("falls back to the default for missing, unknown or odd values", () => {
    expect(parseWindowKey(undefined, "30d")).toBe("30d");
    expect(parseWindowKey("", "all")).toBe("all");
    expect(parseWindowKey("1y", "30d")).toBe("30d");
    expect(parseWindowKey("7D", "30d")).toBe("30d");
    expect(parseWindowKey("constructor", "all")).toBe("all");
  });

  it("takes the first of a repeated parameter", () => {
    expect(parseWindowKey(["7d", "24h"], "30d")).toBe("7d");
    expect(parseWindowKey([], "30d")).toBe("30d");
  });
});

describe("windowFrom", () => {
  it("leaves all time open", () => {
    expect(windowFrom("all")).toBeUndefined();
  });
});

describe("windowPhrase", () => {
  it("reads naturally", () => {
    expect(windowPhrase("7d")).toBe("the last 7 days");
    expect(windowPhrase("all")).toBe("all time");
  });
});
