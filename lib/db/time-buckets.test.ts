import { describe, expect, it } from "vitest";
import { BUCKET_NS, bucketStart, bucketStarts, MAX_TREND_POINTS, pickBucket } from "@/lib/db/time-buckets";

const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

describe("time buckets", () => {
  it("starts days at UTC midnight and weeks on Monday", () => {
    expect(bucketStart("day", ns("2026-11-19T17:45:00Z"))).toBe(ns("2026-11-19T00:00:00Z"));
    // 2026-11-19 is a Thursday; its week began on Monday the 16th.
    expect(bucketStart("week", ns("2026-11-19T17:45:00Z"))).toBe(ns("2026-11-16T00:00:00Z"));
    expect(bucketStart("week", ns("2026-11-16T00:00:00Z"))).toBe(ns("2026-11-16T00:00:00Z"));
    expect(bucketStart("hour", ns("2026-11-19T17:45:00Z"))).toBe(ns("2026-11-19T17:00:00Z"));
  });

  it("lists every bucket between two times, keeping only the newest MAX_TREND_POINTS", () => {
    expect(bucketStarts("day", ns("2026-11-01T05:00:00Z"), ns("2026-11-03T23:00:00Z"))).toEqual([
      ns("2026-11-01T00:00:00Z"),
      ns("2026-11-02T00:00:00Z"),
      ns("2026-11-03T00:00:00Z"),
    ]);
    const last = ns("2026-11-30T10:00:00Z");
    const starts = bucketStarts("hour", last - 5_000n * BUCKET_NS.hour, last);
    expect(starts).toHaveLength(MAX_TREND_POINTS);
    expect(starts.at(-1)).toBe(bucketStart("hour", last));
  });

  it("picks hours up to three days, days up to half a year, weeks beyond", () => {
    expect(pickBucket(3n * BUCKET_NS.day)).toBe("hour");
    expect(pickBucket(3n * BUCKET_NS.day + 1n)).toBe("day");
    expect(pickBucket(180n * BUCKET_NS.day)).toBe("day");
    expect(pickBucket(181n * BUCKET_NS.day)).toBe("week");
  });
});
