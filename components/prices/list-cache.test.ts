import { describe, expect, it } from "vitest";
import type { PriceOverride, PriceOverrideList, RepriceJob } from "@/lib/costs/types";
import { withCreated, withDeleted } from "@/components/prices/list-cache";

const price = (id: string, model: string, effectiveFrom: string, input = 1): PriceOverride => ({
  id,
  provider: null,
  model,
  effectiveFrom,
  inputUsdPerMtok: input,
  outputUsdPerMtok: 2,
  cacheReadUsdPerMtok: null,
  cacheWriteUsdPerMtok: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});

const job = (id: string, status: RepriceJob["status"] = "queued"): RepriceJob => ({
  id,
  reason: `job ${id}`,
  model: null,
  status,
  totalSpans: 0,
  doneSpans: 0,
  changedSpans: 0,
  error: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  startedAt: null,
  finishedAt: null,
});

const list: PriceOverrideList = {
  overrides: [price("1", "claude-3", "2026-01-01T00:00:00.000Z"), price("2", "GPT-4o", "2026-02-01T00:00:00.000Z")],
  jobs: [job("7", "completed")],
};

describe("withCreated", () => {
  it("adds the price in the server's order and the job first", () => {
    const next = withCreated(list, { override: price("3", "gpt-4o", "2026-03-01T00:00:00.000Z"), job: job("8") });
    expect(next.overrides.map((o) => o.id)).toEqual(["1", "3", "2"]);
    expect(next.jobs.map((j) => j.id)).toEqual(["8", "7"]);
  });

  it("replaces a price saved again for the same model, provider and date", () => {
    const next = withCreated(list, { override: price("2", "GPT-4o", "2026-02-01T00:00:00.000Z", 5), job: job("8") });
    expect(next.overrides).toHaveLength(2);
    expect(next.overrides.find((o) => o.id === "2")?.inputUsdPerMtok).toBe(5);
  });

  it("does not list a job twice when the refetch got there first", () => {
    const next = withCreated({ ...list, jobs: [job("8", "running"), ...list.jobs] }, { override: price("3", "a", "2026-01-01T00:00:00.000Z"), job: job("8") });
    expect(next.jobs.map((j) => j.id)).toEqual(["8", "7"]);
  });
});

describe("withDeleted", () => {
  it("drops the price and lists its job", () => {
    const next = withDeleted(list, "1", job("9"));
    expect(next.overrides.map((o) => o.id)).toEqual(["2"]);
    expect(next.jobs.map((j) => j.id)).toEqual(["9", "7"]);
  });
});
