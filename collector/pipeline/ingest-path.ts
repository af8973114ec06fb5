import type { DecodeLimits } from "@/collector/decode";
import { Batcher, type BatcherOptions } from "@/collector/pipeline/batcher";
import { createExportService, type ExportService, type IngestSink, type ReceiveTracker } from "@/collector/pipeline/export";
import type { AcceptRedaction } from "@/collector/redaction/accept-redaction";
import { SpoolDrainer } from "@/collector/spool/drainer";
import { RecordKind } from "@/collector/spool/frame";
import { encodeRedactedRows } from "@/collector/spool/redacted-rows";
import { recordRows } from "@/collector/spool/records";
import { Spool } from "@/collector/spool/spool";
import { isEmptyBatch, type WriteBatch } from "@/collector/store/write-batch";
import { DEFAULT_INGEST_MEMORY_BYTES, IngestMemory } from "@/collector/pipeline/ingest-memory";
import type { SpoolConfig } from "@/lib/runtime/config";
import type { IngestBacklog, IngestBacklogStats } from "@/lib/runtime/ingest-backlog";

export interface IngestPath {
  exporter: ExportService;
  backlog: IngestBacklog;
  /** Stops taking records from the spool, lets writes in flight finish (up to `drainMs`), and closes the spool. */
  close(drainMs: number): Promise<void>;
}

/**
 * Answers slower than this (smoothed) make the drainer write one batch at a time until they are
 * fast again: well inside exporters' 10 s deadline, well above a loaded answer (~350 ms for 512
 * spans from 8 clients back to back).
 */
const SLOW_ANSWER_MS = 1000;

/**
 * Receivers → normalize → (redact, for a tenant with rules) → spool (fsync, then "ok") → drainer →
 * batcher → database. With the spool
 * off (SPOOL_MAX_BYTES=0, and in tests that read right after exporting) the batcher is the sink:
 * exports are answered once committed, and its own queue limit is the backpressure.
 */
export async function openIngestPath(
  batcherOptions: BatcherOptions,
  spoolConfig: SpoolConfig | null,
  limits: DecodeLimits,
  memoryBytes = DEFAULT_INGEST_MEMORY_BYTES,
  /** Redaction before the spool, for tenants with rules; without it (or the spool) rows are redacted on their way into the database only. */
  redactOnReceive: AcceptRedaction | null = null,
): Promise<IngestPath> {
  const batcher = new Batcher(batcherOptions);
  const memory = new IngestMemory(memoryBytes);
  if (!spoolConfig || spoolConfig.maxBytes === 0) {
    const sink: IngestSink = { accept: (batch, tenantId) => batcher.submit(batch, tenantId) };
    return {
      exporter: createExportService(sink, batcher, memory),
      backlog: { stats: () => idleStats(batcher) },
      close: () => batcher.drain(),
    };
  }
  const spool = await Spool.open<WriteBatch>({ dir: spoolConfig.dir, maxBytes: spoolConfig.maxBytes });
  // Exports being decoded, checked and appended right now, and how long answering takes lately.
  let receiving = 0;
  let answerMs = 0;
  const busy = () => receiving > 0 && answerMs > SLOW_ANSWER_MS;
  const drainer = new SpoolDrainer({
    spool,
    rowsOf: (record) => recordRows(record.kind, record.tenantId, record.payload, limits),
    store: (batch, tenantId) => batcher.submit(batch, tenantId, { admitted: true }),
    // One batch per writer: twice that (a next batch ready for each) held ~60 MiB more at the peak
    // for a throughput gain within bench:ingest's noise (docs/benchmarks.md, 2026-12-06 evening).
    maxInFlightRows: batcherOptions.maxBatchRows * batcherOptions.writers,
    // On 2 cores, answering exports and writing the database (with PostgreSQL beside it) compete
    // for the CPU: under a burst, answers stay fast and the spool takes up the difference.
    receiversBusy: busy,
    // One writer's batch: with PostgreSQL on the same cores, fewer writers leave CPU to the receivers.
    busyWindowRows: batcherOptions.maxBatchRows,
  });
  const receive: ReceiveTracker = async (work) => {
    receiving++;
    const started = performance.now();
    try {
      return await work();
    } finally {
      receiving--;
      const wasBusy = answerMs > SLOW_ANSWER_MS;
      answerMs += (performance.now() - started - answerMs) / 8;
      if (wasBusy && !busy()) drainer.resume();
    }
  };
  const sink: IngestSink = {
    async accept(batch, tenantId, received) {
      if (isEmptyBatch(batch)) return;
      const redacted = redactOnReceive && (await redactOnReceive(batch, tenantId));
      if (redacted) await spool.append(RecordKind.RedactedRows, tenantId, encodeRedactedRows(redacted), { value: redacted, bytes: received.memoryBytes });
      else await spool.append(received.kind, tenantId, received.payload, { value: batch, bytes: received.memoryBytes });
    },
  };
  drainer.start();
  return {
    exporter: createExportService(sink, batcher, memory, receive),
    backlog: {
      stats: (): IngestBacklogStats => ({
        spool: "on",
        records: spool.records,
        bytes: spool.bytes,
        maxBytes: spool.maxBytes,
        oldestAgeSeconds: spool.oldestAgeSeconds(),
        writable: spool.writable,
        drainRowsPerSecond: batcher.rowsPerSecond,
        totals: { ...spool.totals },
      }),
    },
    async close(drainMs) {
      await drainer.stop(drainMs);
      await spool.close();
      await batcher.drain();
    },
  };
}

function idleStats(batcher: Batcher): IngestBacklogStats {
  return {
    spool: "off",
    records: 0,
    bytes: 0,
    maxBytes: 0,
    oldestAgeSeconds: 0,
    writable: true,
    drainRowsPerSecond: batcher.rowsPerSecond,
    totals: { appended: 0, stored: 0, refused: 0, deadLettered: 0 },
  };
}
