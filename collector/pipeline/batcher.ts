import { createLogger } from "@/lib/runtime/log";
import { batchRows as rowsOf, isEmptyBatch, type WriteBatch } from "@/collector/store/write-batch";
import { asExportError, QueueFullError, StoreUnavailableError, type ExportError } from "@/collector/pipeline/errors";
import { DrainRate } from "@/collector/pipeline/drain-rate";
import { TenantQueues } from "@/collector/pipeline/tenant-queues";

const log = createLogger("batcher");

export interface BatcherOptions {
  /** Flush once this many rows are waiting. */
  maxBatchRows: number;
  /** Flush at most this long after the first row arrived. */
  flushIntervalMs: number;
  /**
   * Above this many waiting rows, new exports are refused as retryable (429 / UNAVAILABLE), but
   * only from tenants holding at least their share of it (tenant-queues.ts): a flood is refused
   * to the tenant that sends it while other tenants are still accepted.
   */
  maxQueuedRows: number;
  /** Batches written at once (PGlite: 1; PostgreSQL: a few, to overlap CPU and I/O). */
  writers: number;
  /**
   * Refuse (retryable) rather than hold an export longer than this: rows waiting or being
   * written are capped at what the writers store in this time, as measured (default 5 s, well
   * inside exporters' 10 s deadline). Never below one write's worth.
   */
  maxQueueWaitMs?: number;
  /**
   * Stores a batch, failing with the ExportError its exporters must hear (the store's
   * `guardedWrite` classifies database errors): a retryable one fails every export of the batch,
   * any other is retried export by export so only the one at fault fails.
   */
  write(batch: WriteBatch): Promise<void>;
}

interface Pending {
  tenantId: string;
  batch: WriteBatch;
  rows: number;
  resolve(): void;
  reject(error: ExportError): void;
}


/**
 * An export larger than one write, cut into writes of at most `maxRows` rows (node specs ride
 * with the first). Every part is committed on its own, so a big export cannot hold the single
 * PGlite writer, or another tenant's turn, for longer than one write; a part that fails fails the
 * export, whose re-delivery then adds only what is missing (rows are idempotent by key).
 */
export function splitBatch(batch: WriteBatch, maxRows: number): WriteBatch[] {
  if (rowsOf(batch) <= maxRows) return [batch];
  const parts: WriteBatch[] = [];
  const empty = (): Required<WriteBatch> => ({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [], logRecords: [], scores: [], metrics: { series: [], points: [] } });
  // Node specs ride with the first part: the spans after them need them stored.
  let part: Required<WriteBatch> = { ...empty(), nodeSpecs: batch.nodeSpecs };
  let rows = 0;
  const open = () => {
    if (rows < maxRows) return;
    parts.push(part);
    part = empty();
    rows = 0;
  };
  const add = <K extends "spans" | "auditEvents" | "graphs" | "logRecords" | "scores">(kind: K, row: Required<WriteBatch>[K][number]) => {
    open();
    (part[kind] as Required<WriteBatch>[K][number][]).push(row);
    rows++;
  };
  for (const row of batch.spans) add("spans", row);
  for (const row of batch.auditEvents) add("auditEvents", row);
  for (const row of batch.graphs) add("graphs", row);
  for (const row of batch.logRecords ?? []) add("logRecords", row);
  for (const row of batch.scores ?? []) add("scores", row);
  for (const point of batch.metrics?.points ?? []) {
    open();
    part.metrics.points.push(point);
    rows++;
  }
  parts.push(part);
  // Each part carries the series of its own points: parts commit on their own (and may fail on
  // their own), so no committed point may depend on another part's series.
  const series = new Map((batch.metrics?.series ?? []).map((row) => [row.series_key, row]));
  for (const { metrics } of parts) {
    if (!metrics || metrics.points.length === 0) continue;
    const keys = new Set(metrics.points.map((point) => point.series_key));
    metrics.series = [...keys].map((key) => series.get(key)).filter((row) => row !== undefined);
  }
  return parts;
}

/** Every row of an export belongs to the tenant of its key. */
const tenantOf = (batch: WriteBatch): string =>
  batch.spans[0]?.tenant_id ?? batch.auditEvents[0]?.tenant_id ?? batch.logRecords?.[0]?.tenant_id ?? batch.scores?.[0]?.tenant_id ?? batch.metrics?.points[0]?.tenant_id ?? batch.graphs[0]?.tenantId ?? batch.nodeSpecs[0]?.tenant_id ?? "";

function merge(entries: Pending[]): WriteBatch {
  if (entries.length === 1) return entries[0]!.batch;
  const merged: Required<WriteBatch> = { spans: [], auditEvents: [], graphs: [], nodeSpecs: [], logRecords: [], scores: [], metrics: { series: [], points: [] } };
  for (const { batch } of entries) {
    for (const row of batch.metrics?.series ?? []) merged.metrics.series.push(row);
    for (const row of batch.metrics?.points ?? []) merged.metrics.points.push(row);
    for (const row of batch.logRecords ?? []) merged.logRecords.push(row);
    for (const row of batch.scores ?? []) merged.scores.push(row);
    for (const row of batch.spans) merged.spans.push(row);
    for (const row of batch.auditEvents) merged.auditEvents.push(row);
    for (const row of batch.graphs) merged.graphs.push(row);
    for (const row of batch.nodeSpecs) merged.nodeSpecs.push(row);
  }
  return merged;
}

/**
 * Collects the rows of concurrent exports into few large transactions. Each export's promise
 * settles only when its rows are committed (or definitely not), so receivers acknowledge only
 * what is stored. Tenants are served in turns (tenant-queues.ts).
 */
export class Batcher {
  private readonly queue = new TenantQueues<Pending>();
  private readonly rate = new DrainRate();
  private activeWriters = 0;
  /** Rows taken by writers and not yet committed: accepted, not yet durable. */
  private writingRows = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BatcherOptions) {}

  get pendingRows(): number {
    return this.queue.rows;
  }

  /** Rows one writer stores per second of write time, smoothed; null before the first write. */
  get rowsPerSecond(): number | null {
    return this.rate.rowsPerSecond();
  }

  /**
   * Queues a batch; resolves once it is committed. `admitted`: the spool already bounded what it
   * hands over (its drainer keeps a window), so the queue's own admission does not apply.
   */
  submit(batch: WriteBatch, tenantId = tenantOf(batch), { admitted = false } = {}): Promise<void> {
    if (isEmptyBatch(batch)) return Promise.resolve();
    const rows = rowsOf(batch);
    if (this.closed) return Promise.reject(new StoreUnavailableError("The collector is shutting down; retry shortly"));
    if (!admitted && !this.queue.admits(tenantId, rows, this.admissionCap())) {
      const own = this.queue.rowsOf(tenantId);
      return Promise.reject(new QueueFullError(`Ingest queue is full (${own} of this tenant's rows waiting); retry later`));
    }
    const parts = splitBatch(batch, this.options.maxBatchRows).map(
      (part) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ tenantId, batch: part, rows: rowsOf(part), resolve, reject });
        }),
    );
    this.schedule();
    if (parts.length === 1) return parts[0]!;
    // Settles only once every part has: the caller's memory reservation must outlive the parts still queued.
    return Promise.allSettled(parts).then((results) => {
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
    });
  }

  /** Rows that may wait besides those being written: the configured cap, or less when writes are slow. */
  private admissionCap(): number {
    const perSecond = this.rate.rowsPerSecond();
    const wait = this.options.maxQueueWaitMs ?? 5000;
    const inTime = perSecond === null ? Infinity : Math.max(this.options.maxBatchRows, (perSecond * this.options.writers * wait) / 1000);
    return Math.max(0, Math.min(this.options.maxQueuedRows, inTime) - this.writingRows);
  }

  /** Writes everything waiting and resolves once no write is in flight. */
  async drain(): Promise<void> {
    this.closed = true;
    this.pump(true);
    if (this.activeWriters === 0 && this.queue.size === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.queue.rows >= this.options.maxBatchRows) {
      // Everything waiting is due now; without a timer, the next finished write picks up the rest.
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.pump(true);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump(true);
      }, this.options.flushIntervalMs);
    }
  }

  private pump(force: boolean): void {
    while (this.queue.size > 0 && this.activeWriters < this.options.writers) {
      if (!force && this.queue.rows < this.options.maxBatchRows) break;
      const taken = this.queue.take(this.options.maxBatchRows);
      const rows = taken.reduce((sum, entry) => sum + entry.rows, 0);
      this.activeWriters++;
      this.writingRows += rows;
      void this.flush(taken).finally(() => {
        this.activeWriters--;
        this.writingRows -= rows;
        // No timer pending means the waiting rows are already due (interval passed or size reached).
        if (this.queue.size > 0) this.pump(this.closed || this.queue.rows >= this.options.maxBatchRows || !this.timer);
        if (this.activeWriters === 0 && this.queue.size === 0) {
          for (const wake of this.idleWaiters.splice(0)) wake();
        }
      });
    }
  }

  /** Writes the entries and settles them. */
  private async flush(entries: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      await this.options.write(merge(entries));
      // Measured before the exports hear of it, so the next admission already knows the speed.
      this.rate.record(entries.reduce((sum, entry) => sum + entry.rows, 0), performance.now() - started);
      for (const entry of entries) entry.resolve();
    } catch (error) {
      const failure = asExportError(error);
      if (failure.retryable) {
        log.warn("store unavailable; exports answered as retryable", { exports: entries.length, error: causeOf(failure) });
        for (const entry of entries) entry.reject(failure);
        return;
      }
      if (entries.length > 1) {
        // One export's rows broke the transaction: write each alone so only that one fails.
        await Promise.all(entries.map((entry) => this.flush([entry])));
        return;
      }
      log.error("export could not be stored", { error: causeOf(failure), code: codeOf(failure.cause) });
      entries[0]!.reject(failure);
    }
  }
}

const causeOf = (failure: ExportError): string => (failure.cause instanceof Error ? failure.cause.message : failure.message);
const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};
