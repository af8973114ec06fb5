import type { Metric } from "@/lib/http/prometheus-text";
import type { IngestBacklogStats } from "@/lib/runtime/ingest-backlog";

/** GET /api/metrics: the collector's backlog, as gauges and counters since the process started. */
export function ingestMetrics(stats: IngestBacklogStats): Metric[] {
  const gauge = (name: string, help: string, value: number | null): Metric => ({ name, help, type: "gauge", value });
  const counter = (name: string, help: string, value: number): Metric => ({ name, help, type: "counter", value });
  return [
    gauge("codon_ingest_spool_enabled", "1 when exports are acknowledged once in the local spool; 0 when only once stored (SPOOL_MAX_BYTES=0).", stats.spool === "on" ? 1 : 0),
    gauge("codon_ingest_spool_records", "Exports acknowledged and not yet stored in the database.", stats.records),
    gauge("codon_ingest_spool_bytes", "Size of those exports in the spool.", stats.bytes),
    gauge("codon_ingest_spool_max_bytes", "Spool size at which new exports are refused (SPOOL_MAX_BYTES).", stats.maxBytes),
    gauge("codon_ingest_spool_oldest_age_seconds", "Seconds since the oldest export not yet stored was acknowledged; 0 when none waits.", stats.oldestAgeSeconds),
    gauge("codon_ingest_spool_writable", "1 while the spool can be written; 0 after a failed write (exports refused) until one succeeds.", stats.writable ? 1 : 0),
    // Unknown before the first write: no sample rather than a 0 that reads as a stalled database.
    gauge("codon_ingest_drain_rows_per_second", "Rows the database stores per second of write time, smoothed.", stats.drainRowsPerSecond),
    counter("codon_ingest_exports_appended_total", "Exports acknowledged into the spool (replayed ones at start not included).", stats.totals.appended),
    counter("codon_ingest_exports_stored_total", "Exports whose rows are stored in the database.", stats.totals.stored),
    counter("codon_ingest_exports_refused_total", "Exports refused because the spool was full.", stats.totals.refused),
    counter("codon_ingest_exports_dead_lettered_total", "Acknowledged exports the database refused for good, set aside in the spool's rejected/ folder.", stats.totals.deadLettered),
  ];
}
