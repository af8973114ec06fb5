import { describe, expect, it } from "vitest";
import type { RepriceJob } from "@/lib/costs/types";
import { formatEffectiveFrom, formatPrice, hasPendingJobs, jobProgress, jobTimes, providerLabel, savedMessage } from "@/components/prices/format";

const job = (changes: Partial<RepriceJob> = {}): RepriceJob => ({
  id: "1",
  reason: "Price for gpt-4o set from 2026-01-01",
  model: "gpt-4o",
  status: "queued",
  totalSpans: 0,
  doneSpans: 0,
  changedSpans: 0,
  error: null,
  createdAt: "2026-01-02T10:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  ...changes,
});

describe("prices", () => {
  it("read as dollars per million tokens, a null cache price as input", () => {
    expect(formatPrice(3)).toBe("$3.00");
    expect(formatPrice(0.075)).toBe("$0.075");
    expect(formatPrice(1234.5)).toBe("$1,234.50");
    expect(formatPrice(0)).toBe("$0.00");
    expect(formatPrice(null)).toBe("as input");
    expect(providerLabel(null)).toBe("any");
    expect(providerLabel("openai")).toBe("openai");
  });

  it("show a midnight-UTC start as the date, any other as the exact time", () => {
    expect(formatEffectiveFrom("2026-01-01T00:00:00.000Z")).toBe("2026-01-01");
    expect(formatEffectiveFrom("2026-01-01T12:30:00.000Z")).toBe("2026-01-01 12:30:00 UTC");
  });
});

describe("jobProgress", () => {
  it("is done of total, floored, and full only when completed", () => {
    expect(jobProgress(job({ status: "running", totalSpans: 3, doneSpans: 1 }))).toEqual({ percent: 33, text: "1 / 3" });
    expect(jobProgress(job({ status: "running", totalSpans: 1000, doneSpans: 999 })).percent).toBe(99);
    expect(jobProgress(job({ status: "completed", totalSpans: 0 }))).toEqual({ percent: 100, text: "0 / 0" });
    expect(jobProgress(job({ status: "completed", totalSpans: 12_000, doneSpans: 12_000 })).text).toBe("12,000 / 12,000");
  });

  it("has nothing to show before the spans are counted", () => {
    expect(jobProgress(job())).toEqual({ percent: 0, text: "waiting to start" });
    expect(jobProgress(job({ status: "running" }))).toEqual({ percent: 0, text: "counting stored costs" });
  });
});

describe("hasPendingJobs", () => {
  it("is true while any job is queued or running", () => {
    expect(hasPendingJobs(undefined)).toBe(false);
    expect(hasPendingJobs([job({ status: "completed" }), job({ status: "failed" })])).toBe(false);
    expect(hasPendingJobs([job({ status: "completed" }), job({ status: "running" })])).toBe(true);
    expect(hasPendingJobs([job()])).toBe(true);
  });
});

describe("savedMessage", () => {
  it("follows the job the save queued", () => {
    expect(savedMessage(job())).toBe("Saved. Recomputing stored costs…");
    expect(savedMessage(job({ status: "running", totalSpans: 1 }))).toBe("Saved. Recomputing 1 stored cost…");
    expect(savedMessage(job({ status: "running", totalSpans: 1500 }))).toBe("Saved. Recomputing 1,500 stored costs…");
    expect(savedMessage(job({ status: "completed", totalSpans: 4, changedSpans: 1 }))).toBe("Saved. Recomputed 4 stored costs; 1 cost changed.");
    expect(savedMessage(job({ status: "failed" }))).toMatch(/failed/);
  });
});

describe("jobTimes", () => {
  it("says when it was queued, started and how long it took", () => {
    expect(jobTimes(job())).toBe("Queued 2026-01-02 10:00:00 UTC");
    expect(jobTimes(job({ startedAt: "2026-01-02T10:00:01.000Z" }))).toBe("Queued 2026-01-02 10:00:00 UTC · started 2026-01-02 10:00:01 UTC");
    expect(jobTimes(job({ startedAt: "2026-01-02T10:00:01.000Z", finishedAt: "2026-01-02T10:00:02.250Z" }))).toBe(
      "Queued 2026-01-02 10:00:00 UTC · finished 2026-01-02 10:00:02 UTC (took 1.25 s)",
    );
  });
});
