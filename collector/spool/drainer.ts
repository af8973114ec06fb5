import { createLogger } from "@/lib/runtime/log";
import { asExportError } from "@/collector/pipeline/errors";
import { batchRows, type WriteBatch } from "@/collector/store/write-batch";
import type { Spool, SpooledRecord } from "@/collector/spool/spool";

const log = createLogger("spool-drain");

export interface DrainerOptions {
  spool: Spool<WriteBatch>;
  /** The rows of a record read back from disk (decode and normalize again). */
  rowsOf(record: SpooledRecord<WriteBatch> & { payload: Uint8Array }): Promise<WriteBatch>;
  /** Stores rows, rejecting with an ExportError: retryable ones are tried again later, others set the record aside. */
  store(batch: WriteBatch, tenantId: string): Promise<void>;
  /** Rows handed to `store` and not yet stored, at most (at least one record is always in flight). */
  maxInFlightRows: number;
  /** While this says the receivers are busy, the window shrinks to `busyWindowRows`: answering exports comes first, the spool holds the rest. */
  receiversBusy?: () => boolean;
  busyWindowRows?: number;
  /** A write that has not settled by then is given up and tried again (rows are idempotent by key). */
  writeDeadlineMs?: number;
  /** First wait after a retryable failure; doubles up to maxBackoffMs while failures go on. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

interface Item {
  record: SpooledRecord<WriteBatch>;
  batch: WriteBatch;
  rows: number;
}

/**
 * Moves acknowledged exports from the spool into the database, in order, with a bounded number of
 * rows in flight. A retryable failure (the database is down or slow) pauses it with a growing
 * backoff and keeps the records for the next try; a record the database refuses for good is set
 * aside in the spool's rejected/ folder, logged, and counted, never silently dropped.
 */
export class SpoolDrainer {
  private readonly retry: Item[] = [];
  /** A record read but not yet started because the window was full. */
  private next: Item | null = null;
  private inFlightRows = 0;
  private inFlight = 0;
  private pumping = false;
  private stopped = false;
  private backoffMs: number;
  private resumeTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: DrainerOptions) {
    this.backoffMs = options.minBackoffMs ?? 250;
    this.unsubscribe = options.spool.onReadable(() => this.pump());
  }

  /** Starts with what an earlier process left. */
  start(): void {
    this.pump();
  }

  private paused(): boolean {
    return this.resumeTimer !== null;
  }

  private pump(): void {
    if (this.pumping || this.stopped || this.paused()) return;
    this.pumping = true;
    this.fill()
      .catch((error: unknown) => log.error("reading the spool failed; will retry", { error: (error as Error).message }))
      .finally(() => {
        this.pumping = false;
      });
  }

  private async fill(): Promise<void> {
    while (!this.stopped && !this.paused()) {
      const fromRetry = this.retry.length > 0;
      const item = fromRetry ? this.retry.shift()! : (this.next ?? (await this.readNext()));
      if (!fromRetry) this.next = null;
      if (!item) return;
      const window = this.options.receiversBusy?.() ? (this.options.busyWindowRows ?? 0) : this.options.maxInFlightRows;
      if (this.inFlight > 0 && this.inFlightRows + item.rows > window) {
        // Wait for room; a finished write pumps again.
        if (fromRetry) this.retry.unshift(item);
        else this.next = item;
        return;
      }
      this.send(item);
    }
  }

  private async readNext(): Promise<Item | null> {
    for (;;) {
      const record = await this.options.spool.read();
      if (!record) return null;
      try {
        if (record.cached) return { record, batch: record.cached, rows: batchRows(record.cached) };
        const batch = await this.options.rowsOf(record);
        // Decoded, the payload is dead weight while the rows wait and are written (a refused record is read again to be set aside).
        return { record: { ...record, cached: batch, payload: null }, batch, rows: batchRows(batch) };
      } catch (error) {
        await this.setAside(record, `cannot be read back: ${(error as Error).message}`);
      }
    }
  }

  private send(item: Item): void {
    this.inFlight++;
    this.inFlightRows += item.rows;
    let settled = false;
    const finish = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(deadline);
      this.inFlight--;
      this.inFlightRows -= item.rows;
      return true;
    };
    const deadlineMs = this.options.writeDeadlineMs ?? 60_000;
    const deadline = setTimeout(() => {
      if (!finish()) return;
      log.warn("a spool write passed its deadline; it will be tried again", { seq: item.record.seq, deadlineMs });
      this.failedRetryably(item);
    }, deadlineMs);
    deadline.unref();
    this.options.store(item.batch, item.record.tenantId).then(
      () => {
        if (!finish()) return;
        this.backoffMs = this.options.minBackoffMs ?? 250;
        this.options.spool.stored(item.record);
        this.afterWrite();
      },
      async (error: unknown) => {
        if (!finish()) return;
        const failure = asExportError(error);
        if (failure.retryable) {
          this.failedRetryably(item);
          return;
        }
        await this.setAside(item.record, failure.cause instanceof Error ? failure.cause.message : failure.message);
        this.afterWrite();
      },
    );
  }

  private failedRetryably(item: Item): void {
    // Earlier records first when the retries start.
    const at = this.retry.findIndex((other) => other.record.seq > item.record.seq);
    this.retry.splice(at === -1 ? this.retry.length : at, 0, item);
    if (!this.paused() && !this.stopped) {
      log.warn("database unavailable; acknowledged exports wait in the spool", { retryInMs: this.backoffMs, waiting: this.options.spool.records });
      this.resumeTimer = setTimeout(() => {
        this.resumeTimer = null;
        this.pump();
      }, this.backoffMs);
      this.resumeTimer.unref();
      this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 5000);
    }
    this.afterWrite();
  }

  private async setAside(record: SpooledRecord<WriteBatch>, reason: string): Promise<void> {
    try {
      await this.options.spool.setAside(record, reason);
    } catch (error) {
      log.error("could not set aside an export the database refused; it is lost", { seq: record.seq, tenant: record.tenantId, error: (error as Error).message });
    }
    this.options.spool.stored(record);
  }

  /** The receivers are no longer busy: the window is whole again. */
  resume(): void {
    this.pump();
  }

  private afterWrite(): void {
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    this.pump();
  }

  /**
   * Takes nothing more from the spool and waits up to `timeoutMs` for the writes in flight; what
   * is left stays in the spool for the next start.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves once everything now readable in the spool is stored (tests and orderly stops). */
  async drained(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.options.spool.records === 0 && this.inFlight === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }
}
