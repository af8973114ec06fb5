import { afterEach, beforeEach } from "vitest";
import type { IngestBacklog, IngestBacklogStats } from "@/lib/runtime/ingest-backlog";
import { serverRuntime } from "@/lib/runtime/registry";

// Test support. A spool that lags for real needs a database outage; the readers of its figures
// (health, metrics, the dashboard's notice) are tested on fixed figures in the runtime's slot.

/** A spool that is on, empty and has stored a few exports. */
export const IDLE_BACKLOG: IngestBacklogStats = Object.freeze({
  spool: "on",
  records: 0,
  bytes: 0,
  maxBytes: 1024 ** 3,
  oldestAgeSeconds: 0,
  writable: true,
  drainRowsPerSecond: 5000,
  totals: Object.freeze({ appended: 3, stored: 3, refused: 0, deadLettered: 0 }),
});

/** A backlog whose stats() answers these figures (IDLE_BACKLOG's where not given). */
export function fixedBacklog(figures: Partial<IngestBacklogStats> = {}): IngestBacklog {
  const stats: IngestBacklogStats = { ...IDLE_BACKLOG, ...figures, totals: { ...IDLE_BACKLOG.totals, ...figures.totals } };
  return { stats: () => stats };
}

/** Whatever each test of the enclosing suite puts in `serverRuntime().ingestBacklog` is put back after it (a collector sets its own). */
export function restoreIngestBacklogAfterEach(): void {
  let saved: IngestBacklog | null = null;
  beforeEach(() => {
    saved = serverRuntime().ingestBacklog;
  });
  afterEach(() => {
    serverRuntime().ingestBacklog = saved;
  });
}
