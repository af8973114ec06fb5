import { fetchJson } from "@/components/ui/api-client";
import type { IngestReport } from "@/lib/runtime/ingest-report";

/** The backlog alone (no database ping): cheap enough for every open tab to ask every few seconds. */
export const INGEST_BACKLOG_PATH = "/api/health/ingest";
export const INGEST_POLL_MS = 5000;
export const ingestBacklogKey = ["ingest", "backlog"] as const;

/** The answer is only read through `ingestDelay`, which checks its shape. */
export const fetchIngestBacklog = (signal?: AbortSignal) => fetchJson<unknown>(INGEST_BACKLOG_PATH, { signal });

export interface IngestDelay {
  seconds: number;
  exports: number;
}

const isCount = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** What the notice says, or null: not delayed, or an answer that is not the backlog (a proxy's page, an older server). */
export function ingestDelay(answer: unknown): IngestDelay | null {
  if (typeof answer !== "object" || answer === null) return null;
  const { delayed, oldestAgeSeconds, records } = answer as Partial<Record<keyof IngestReport, unknown>>;
  if (delayed !== true || !isCount(oldestAgeSeconds) || !isCount(records)) return null;
  return { seconds: Math.floor(oldestAgeSeconds), exports: records };
}

/** `42 s`, `3 min 5 s`, `2 h 4 min`: whole units, since the figure moves every poll. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export function delayHeadline({ seconds, exports }: IngestDelay): string {
  const count = exports.toLocaleString("en-US");
  return `Ingest delayed by ${formatWait(seconds)} — ${count} ${exports === 1 ? "export" : "exports"} waiting to be stored`;
}
