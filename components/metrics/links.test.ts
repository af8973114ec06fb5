import { describe, expect, it } from "vitest";
import { runMetricsHref } from "@/components/metrics/links";

describe("runMetricsHref", () => {
  it("links a run's service from five minutes before it to five after", () => {
    const href = runMetricsHref({ serviceName: "research writer", startTime: "2026-03-04T10:00:00.000Z", endTime: "2026-03-04T10:02:30.000Z" });
    const url = new URL(href!, "http://x.invalid");
    expect(url.pathname).toBe("/metrics");
    expect(Object.fromEntries(url.searchParams)).toEqual({ service: "research writer", from: "2026-03-04T09:55:00.000Z", to: "2026-03-04T10:07:30.000Z" });
  });

  it("has no link for a run of no service or of an unreadable start", () => {
    expect(runMetricsHref({ serviceName: null, startTime: "2026-03-04T10:00:00.000Z", endTime: "2026-03-04T10:00:00.000Z" })).toBeNull();
    expect(runMetricsHref({ serviceName: "a", startTime: "", endTime: "" })).toBeNull();
  });
});
