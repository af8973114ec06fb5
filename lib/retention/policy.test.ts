import { describe, expect, it } from "vitest";
import { effectiveRetentionDays, retentionCutoffNs } from "@/lib/retention/policy";

describe("retention policy", () => {
  it("lets a tenant's own setting win, 0 included", () => {
    expect(effectiveRetentionDays(null, 30)).toBe(30);
    expect(effectiveRetentionDays(7, 30)).toBe(7);
    expect(effectiveRetentionDays(0, 30)).toBe(0);
  });

  it("puts the cutoff whole days before now, exactly, and none for 0", () => {
    const now = Date.UTC(2026, 11, 31);
    expect(retentionCutoffNs(30, now)).toBe(BigInt(Date.UTC(2026, 11, 1)) * 1_000_000n);
    expect(retentionCutoffNs(0, now)).toBeNull();
  });
});
