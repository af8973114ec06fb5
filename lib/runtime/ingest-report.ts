import { INGEST_DELAY_NOTICE_SECONDS, type IngestBacklog, type IngestBacklogStats } from "@/lib/runtime/ingest-backlog";
import { DatabaseUnavailableError, serverRuntime } from "@/lib/runtime/registry";

/** The collector's backlog as health details and GET /api/health/ingest report it: its figures now, not its totals (those are metrics). */
export interface IngestReport extends Omit<IngestBacklogStats, "totals"> {
  /** The oldest export not yet stored has waited INGEST_DELAY_NOTICE_SECONDS (10 s) or more: the dashboard says ingest is delayed. */
  delayed: boolean;
}

export function ingestReport(stats: IngestBacklogStats): IngestReport {
  // Field by field: whatever else the collector's object carries stays out of the answer.
  const { spool, records, bytes, maxBytes, oldestAgeSeconds, writable, drainRowsPerSecond } = stats;
  return { spool, records, bytes, maxBytes, oldestAgeSeconds, writable, drainRowsPerSecond, delayed: oldestAgeSeconds >= INGEST_DELAY_NOTICE_SECONDS };
}

/** The collector's backlog; throws (503) while no collector runs in this process: it is starting or stopping. */
export function requireIngestBacklog(): IngestBacklog {
  const { ingestBacklog } = serverRuntime();
  if (!ingestBacklog) throw new DatabaseUnavailableError("The collector is not running in this process (starting or stopping); retry shortly");
  return ingestBacklog;
}
