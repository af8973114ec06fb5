import { INGEST_DELAY_NOTICE_SECONDS, type IngestBacklog, type IngestBacklogStats } from "@/lib/runtime/ingest-backlog";
import { DatabaseUnavailableError, serverRuntime } from "@/lib/runtime/registry";

/** The collector's backlog as health details and GET /api/health/ingest report it. */
export interface IngestReport {
  /** `off` with SPOOL_MAX_BYTES=0: exports are acknowledged only once stored, and the figures are 0. */
  spool: "on" | "off";
  /** Exports acknowledged and not yet stored. */
  records: number;
  /** Their size in the spool. */
  bytes: number;
  /** The size at which new exports are refused. */
  maxBytes: number;
  /** Seconds since the oldest of them was acknowledged; 0 when none waits. */
  oldestAgeSeconds: number;
  /** Rows the database stored per second of write time, smoothed; null before the first write. */
  drainRowsPerSecond: number | null;
  /** The oldest has waited long enough for the dashboard to say ingest is delayed. */
  delayed: boolean;
}

export function ingestReport(stats: IngestBacklogStats): IngestReport {
  const { spool, records, bytes, maxBytes, oldestAgeSeconds, drainRowsPerSecond } = stats;
  return { spool, records, bytes, maxBytes, oldestAgeSeconds, drainRowsPerSecond, delayed: oldestAgeSeconds >= INGEST_DELAY_NOTICE_SECONDS };
}

/** The collector's backlog; throws (503) while no collector runs in this process: it is starting or stopping. */
export function requireIngestBacklog(): IngestBacklog {
  const { ingestBacklog } = serverRuntime();
  if (!ingestBacklog) throw new DatabaseUnavailableError("The collector is not running in this process (starting or stopping); retry shortly");
  return ingestBacklog;
}
