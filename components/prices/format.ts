// How prices and repricing jobs read on the settings page. Pure, and the same on server and client
// (UTC, en-US), so the server-rendered first paint hydrates without a mismatch.

import { exactTime } from "@/components/workloads/figures";
import type { RepriceJob, RepriceStatus } from "@/lib/costs/types";
import { formatMs } from "@/components/ui/format";

/** USD per million tokens: `$3.00`, `$0.075`; a null cache price is charged as input. */
export function formatPrice(usd: number | null): string {
  if (usd === null) return "as input";
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 10 })}`;
}

export const providerLabel = (provider: string | null) => provider ?? "any";

/** `2026-01-01` for a price from midnight UTC (what the form sets); the exact time otherwise. */
export function formatEffectiveFrom(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return text.endsWith("T00:00:00.000Z") ? text.slice(0, 10) : exactTime(text);
}

export const countOf = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export const isPending = (status: RepriceStatus) => status === "queued" || status === "running";

export const hasPendingJobs = (jobs: readonly RepriceJob[] | undefined) => (jobs ?? []).some((job) => isPending(job.status));

export interface JobProgress {
  /** 0–100, whole. */
  percent: number;
  /** What a screen reader says for the bar, and what it shows beside it. */
  text: string;
}

/** Done spans of the total: a completed job is full even with nothing to do; a queued one has not counted yet. */
export function jobProgress(job: Pick<RepriceJob, "status" | "doneSpans" | "totalSpans">): JobProgress {
  const done = Math.min(job.doneSpans, job.totalSpans);
  if (job.status === "completed") return { percent: 100, text: `${done.toLocaleString("en-US")} / ${job.totalSpans.toLocaleString("en-US")}` };
  if (job.totalSpans <= 0) return { percent: 0, text: job.status === "queued" ? "waiting to start" : "counting stored costs" };
  return {
    // Floor, so 100% only ever means finished.
    percent: Math.floor((done / job.totalSpans) * 100),
    text: `${done.toLocaleString("en-US")} / ${job.totalSpans.toLocaleString("en-US")}`,
  };
}

/** What the form says after a save, following the job it queued. */
export function savedMessage(job: Pick<RepriceJob, "status" | "totalSpans" | "changedSpans">): string {
  const costs = job.totalSpans > 0 ? countOf(job.totalSpans, "stored cost", "stored costs") : "stored costs";
  if (isPending(job.status)) return `Saved. Recomputing ${costs}…`;
  if (job.status === "failed") return "Saved, but recomputing stored costs failed: see below.";
  return `Saved. Recomputed ${costs}; ${countOf(job.changedSpans, "cost", "costs")} changed.`;
}

/** When a job was queued, and how long it ran once finished. */
export function jobTimes(job: Pick<RepriceJob, "createdAt" | "startedAt" | "finishedAt">): string {
  const queued = `Queued ${exactTime(new Date(job.createdAt).toISOString())}`;
  if (job.finishedAt === null) return job.startedAt === null ? queued : `${queued} · started ${exactTime(new Date(job.startedAt).toISOString())}`;
  const took = Date.parse(job.finishedAt) - Date.parse(job.startedAt ?? job.createdAt);
  return `${queued} · finished ${exactTime(new Date(job.finishedAt).toISOString())}${took >= 0 ? ` (took ${formatMs(took)})` : ""}`;
}
