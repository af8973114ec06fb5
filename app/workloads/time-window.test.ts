import { describe, expect, it } from "vitest";
import { timeWindowFor } from "@/app/workloads/time-window";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

describe("timeWindowFor", () => {
  it("maps a window to a from time that long before now", () => {
    expect(timeWindowFor("24h", NOW)).toEqual({ fromNs: ns("2026-03-09T12:00:00Z") });
    expect(timeWindowFor("7d", NOW)).toEqual({ fromNs: ns("2026-03-03T12:00:00Z") });
    expect(timeWindowFor("30d", NOW)).toEqual({ fromNs: ns("2026-02-08T12:00:00Z") });
  });

  it("leaves all time open", () => {
    expect(timeWindowFor("all", NOW)).toEqual({});
  });
});
