import { describe, expect, it } from "vitest";
import { parseWindowKey, timeWindowFor, windowFrom, windowPhrase } from "@/components/workloads/window";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

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

describe("timeWindowFor", () => {
  it("maps a window to a from time that long before now", () => {
    expect(timeWindowFor("24h", NOW)).toEqual({ fromNs: ns("2026-03-09T12:00:00Z") });
    expect(timeWindowFor("7d", NOW)).toEqual({ fromNs: ns("2026-03-03T12:00:00Z") });
    expect(timeWindowFor("30d", NOW)).toEqual({ fromNs: ns("2026-02-08T12:00:00Z") });
  });

  it("leaves all time open", () => {
    expect(timeWindowFor("all", NOW)).toEqual({});
    expect(windowFrom("all")).toBeUndefined();
  });
});

describe("windowPhrase", () => {
  it("reads naturally", () => {
    expect(windowPhrase("7d")).toBe("the last 7 days");
    expect(windowPhrase("all")).toBe("all time");
  });
});
