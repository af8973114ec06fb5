/**
 * What the collector's spool holds: exports acknowledged to their senders and not yet stored in
 * the database. Health, the metrics endpoint and the dashboard's "ingest delayed" notice read it.
 */
export interface IngestBacklogStats {
  /** "off" when SPOOL_MAX_BYTES=0: exports are acknowledged only once stored, and the rest is 0. */
  spool: "on" | "off";
  /** Exports acknowledged and not yet stored. */
  records: number;
  /** Their size in the spool, in bytes. */
  bytes: number;
  /** The spool's room (SPOOL_MAX_BYTES): past it, new exports are refused (429 / UNAVAILABLE). */
  maxBytes: number;
  /** Seconds since the oldest of them was acknowledged; 0 when none waits. */
  oldestAgeSeconds: number;
  /**
   * False after the spool failed to write (disk full, I/O error) until a write succeeds again:
   * meanwhile every export is refused (503 / UNAVAILABLE) and health says unavailable.
   */
  writable: boolean;
  /** Rows the database stored per second of write time, smoothed; null before the first write. */
  drainRowsPerSecond: number | null;
  /** Since the process started. */
  totals: {
    /** Exports acknowledged into the spool (replayed ones at start not included). */
    appended: number;
    /** Exports whose rows are stored. */
    stored: number;
    /** Exports refused because the spool was full. */
    refused: number;
    /** Acknowledged exports the database refused for good, set aside in the spool's rejected/ folder. */
    deadLettered: number;
  };
}

export interface IngestBacklog {
  stats(): IngestBacklogStats;
}

/** From how long the oldest acknowledged export has waited, whether the dashboard should say ingest is delayed. */
export const INGEST_DELAY_NOTICE_SECONDS = 10;
