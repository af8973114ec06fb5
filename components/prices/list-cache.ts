// The list as it stands right after a save or delete, before the refetch confirms it: the new job
// shows (and polling starts) at once instead of a second later.

import type { PriceOverride, PriceOverrideCreated, PriceOverrideList, RepriceJob } from "@/lib/costs/types";

/** The server's order: model (case-insensitive), newest date first, newest id first. */
export function compareOverrides(a: PriceOverride, b: PriceOverride): number {
  const model = a.model.toLowerCase().localeCompare(b.model.toLowerCase());
  if (model !== 0) return model;
  const date = Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom);
  if (date !== 0) return date;
  return Number(b.id) - Number(a.id);
}

function withJob(jobs: readonly RepriceJob[], job: RepriceJob): RepriceJob[] {
  return [job, ...jobs.filter((existing) => existing.id !== job.id)];
}

/** A save replaces the price with the same id (same model, provider and date) or adds it. */
export function withCreated(list: PriceOverrideList, created: PriceOverrideCreated): PriceOverrideList {
  const overrides = [...list.overrides.filter((o) => o.id !== created.override.id), created.override].sort(compareOverrides);
  return { overrides, jobs: withJob(list.jobs, created.job) };
}

export function withDeleted(list: PriceOverrideList, id: string, job: RepriceJob): PriceOverrideList {
  return { overrides: list.overrides.filter((o) => o.id !== id), jobs: withJob(list.jobs, job) };
}
