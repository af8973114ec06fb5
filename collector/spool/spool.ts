import fs from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { acquireDataDirLock, type DataDirLock } from "@/lib/db/data-dir-lock";
import { createLogger } from "@/lib/runtime/log";
import { QueueFullError, StoreUnavailableError } from "@/collector/pipeline/errors";
import { encodeFrame, frameSize, type RecordKind } from "@/collector/spool/frame";
import { SegmentReader } from "@/collector/spool/segment-reader";

const log = createLogger("spool");

export interface SpoolOptions {
  dir: string;
  /** Acknowledged, not yet stored exports take at most this much; beyond it new ones are refused (retryable). */
  maxBytes: number;
  /** A new segment file starts once the current one is this large (default 64 MiB). */
  segmentBytes?: number;
  /** Memory (as the exports' estimated bytes) of acknowledged exports kept decoded for the drainer, which reads the rest back from disk. */
  cacheBytes?: number;
  now?: () => number;
}

interface Segment {
  firstSeq: number;
  file: string;
  handle: FileHandle;
  /** Bytes fsync'd: records end here. */
  durableEnd: number;
  /** The last record's sequence number (firstSeq - 1 while empty). */
  lastSeq: number;
}

export interface RecordLocation {
  segment: Segment;
  offset: number;
}

interface RecordHead {
  seq: number;
  kind: RecordKind;
  tenantId: string;
  acknowledgedAtMs: number;
  frameBytes: number;
  /** Where its frame is, so its bytes can be read again (payloadOf) until it is stored. */
  location: RecordLocation;
}

/**
 * A record handed to the drainer: the normalized export when still in memory, else its payload read
 * back. A cached record does not hold its payload: what the cache and the writes in flight keep is
 * the decoded export alone, and the rare export the database refuses for good is read from disk.
 */
export type SpooledRecord<T> = RecordHead & ({ cached: T; payload: null } | { cached: null; payload: Uint8Array });

interface Waiting<T> {
  kind: RecordKind;
  tenantId: string;
  payload: Uint8Array;
  frameBytes: number;
  acknowledgedAtMs: number;
  cache: { value: T; bytes: number } | null;
  resolve(): void;
  reject(error: Error): void;
}

interface Cached<T> {
  record: SpooledRecord<T>;
  bytes: number;
}

/** What the cache holds by default: 32 MiB of exports as estimated (collector/pipeline/ingest-memory.ts), some 10,000 spans of Codon's shape. */
const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
const SEGMENT_NAME = /^segment-(\d{16})\.log$/;
const segmentName = (firstSeq: number) => `segment-${String(firstSeq).padStart(16, "0")}.log`;
/** Above this part of maxBytes, a tenant already holding its share of it is refused, so one flood cannot fill the spool for all. */
const SHARED_FROM = 0.8;
/** Acknowledgement times are kept per quarter second: enough for "delayed by N s", bounded however many records. */
const AGE_BUCKET_MS = 250;
/** Writing many buffers at once: stay under the usual IOV_MAX. */
const MAX_BUFFERS_PER_WRITE = 1000;

/**
 * The durable local queue between the receivers and the database (issue 18): an export is appended
 * to an append-only, checksummed log (frame.ts) and fsync'd before its sender hears "ok", so
 * whatever the database does, an acknowledged export survives a crash. Concurrent appends share
 * one write and one fsync (group commit). The drainer reads records in order and reports each
 * one stored; a segment file is deleted once all its records are. On open, what the folder holds
 * is replayed from the last checkpoint, and a torn last record (a crash mid-write, never
 * acknowledged) is cut off.
 */
export class Spool<T> {
  private readonly segments: Segment[] = [];
  private readonly waiting: Waiting<T>[] = [];
  private flushing: Promise<void> | null = null;
  private nextSeq = 1;
  /** Records fsync'd end before this sequence number. */
  private durableSeq = 1;

  private heldRecords = 0;
  private heldBytes = 0;
  private readonly heldByTenant = new Map<string, number>();
  private ageBuckets: { seq: number; atMs: number }[] = [];

  private readonly cache = new Map<number, Cached<T>>();
  private cachedBytes = 0;

  /** The drainer's position: the next record it reads, and where. */
  private readSeq = 1;
  private cursor: { segment: Segment; reader: SegmentReader } | null = null;
  /** Records read and not yet stored, in read order; stored ones leave from the front. */
  private readonly reading: number[] = [];
  private readonly storedOutOfOrder = new Set<number>();
  private checkpointTimer: NodeJS.Timeout | null = null;

  private readonly wakeReaders = new Set<() => void>();
  private closed = false;
  private broken: Error | null = null;
  /** The last group's write failed; cleared by the next one that succeeds. */
  private lastWriteFailed = false;
  readonly totals = { appended: 0, stored: 0, refused: 0, deadLettered: 0 };

  private constructor(
    private readonly options: Required<Pick<SpoolOptions, "dir" | "maxBytes" | "segmentBytes" | "cacheBytes" | "now">>,
    private readonly lock: DataDirLock,
  ) {}

  /** Opens (creating) the spool folder and finds what it holds from an earlier process. */
  static async open<T>(options: SpoolOptions): Promise<Spool<T>> {
    await fs.mkdir(options.dir, { recursive: true });
    const lock = acquireDataDirLock(options.dir, "spool");
    const spool = new Spool<T>(
      {
        dir: options.dir,
        maxBytes: options.maxBytes,
        segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
        cacheBytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES,
        now: options.now ?? Date.now,
      },
      lock,
    );
    try {
      await spool.recover();
    } catch (error) {
      lock.release();
      throw error;
    }
    return spool;
  }

  get records(): number {
    return this.heldRecords;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** Whether appends can be written now (false after a failed write, until one succeeds). */
  get writable(): boolean {
    return this.broken === null && !this.lastWriteFailed;
  }

  /** Seconds since the oldest record not yet stored was acknowledged; 0 when none waits. */
  oldestAgeSeconds(): number {
    if (this.heldRecords === 0 || this.ageBuckets.length === 0) return 0;
    return Math.max(0, (this.options.now() - this.ageBuckets[0]!.atMs) / 1000);
  }

  /**
   * Appends one export and resolves once it is on disk (fsync'd): only then may it be acknowledged.
   * `cache` is the export as normalized, kept for the drainer while memory allows. Refuses at once
   * (QueueFullError, retryable) when the spool has no room for it.
   */
  append(kind: RecordKind, tenantId: string, payload: Uint8Array, cache: { value: T; bytes: number } | null = null): Promise<void> {
    if (this.closed) return Promise.reject(new StoreUnavailableError("The collector is shutting down; retry shortly"));
    if (this.broken) return Promise.reject(new StoreUnavailableError("The ingest spool cannot be written; retry later", { cause: this.broken }));
    const frameBytes = frameSize(tenantId, payload.length);
    if (!this.admits(tenantId, frameBytes)) {
      this.totals.refused++;
      return Promise.reject(new QueueFullError(`Ingest spool is full (${this.heldRecords} exports waiting to be stored); retry later`));
    }
    this.hold(tenantId, frameBytes, +1);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ kind, tenantId, payload, frameBytes, acknowledgedAtMs: this.options.now(), cache, resolve, reject });
      this.startFlush();
    });
  }

  private startFlush(): void {
    if (this.flushing) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      // Appends made while the last group's promise settled.
      if (this.waiting.length > 0) this.startFlush();
    });
  }

  private admits(tenantId: string, bytes: number): boolean {
    const max = this.options.maxBytes;
    if (this.heldBytes + bytes > max) return false;
    if (this.heldBytes + bytes <= max * SHARED_FROM) return true;
    const own = this.heldByTenant.get(tenantId) ?? 0;
    const tenants = this.heldByTenant.size + (this.heldByTenant.has(tenantId) ? 0 : 1);
    // Shares of the first 80%: a flood stops there, and the last fifth is left to the others.
    return own + bytes <= (max * SHARED_FROM) / tenants;
  }

  private hold(tenantId: string, bytes: number, records: 1 | -1): void {
    this.heldRecords += records;
    this.heldBytes += records * bytes;
    const own = (this.heldByTenant.get(tenantId) ?? 0) + records * bytes;
    if (own > 0) this.heldByTenant.set(tenantId, own);
    else this.heldByTenant.delete(tenantId);
  }

  /** Writes what waits, in groups: one write and one fsync for all exports that arrived meanwhile. */
  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      try {
        let tail = this.segments.at(-1)!;
        if (tail.durableEnd >= this.options.segmentBytes) tail = await this.startSegment(this.nextSeq);
        const buffers: Buffer[] = [];
        const locations: number[] = [];
        let end = tail.durableEnd;
        group.forEach((entry, index) => {
          const frame = encodeFrame({ seq: this.nextSeq + index, acknowledgedAtMs: entry.acknowledgedAtMs, kind: entry.kind, tenantId: entry.tenantId }, entry.payload);
          buffers.push(...frame.buffers);
          locations.push(end);
          end += frame.frameBytes;
        });
        await writeAll(tail.handle, buffers, tail.durableEnd);
        await tail.handle.datasync();
        const firstSeq = this.nextSeq;
        this.nextSeq += group.length;
        this.durableSeq = this.nextSeq;
        tail.durableEnd = end;
        tail.lastSeq = this.nextSeq - 1;
        this.lastWriteFailed = false;
        this.noteAge(firstSeq, group[0]!.acknowledgedAtMs);
        group.forEach((entry, index) => {
          const seq = firstSeq + index;
          if (entry.cache && this.cachedBytes + entry.cache.bytes <= this.options.cacheBytes) {
            this.cachedBytes += entry.cache.bytes;
            this.cache.set(seq, {
              bytes: entry.cache.bytes,
              record: {
                seq,
                kind: entry.kind,
                tenantId: entry.tenantId,
                acknowledgedAtMs: entry.acknowledgedAtMs,
                frameBytes: entry.frameBytes,
                location: { segment: tail, offset: locations[index]! },
                cached: entry.cache.value,
                payload: null,
              },
            });
          }
          this.totals.appended++;
          entry.resolve();
        });
        for (const wake of [...this.wakeReaders]) wake();
      } catch (error) {
        await this.failGroup(group, error as Error);
      }
    }
  }

  /** Nothing of a failed group was acknowledged: give its room back and cut whatever part of it reached the file. */
  private async failGroup(group: Waiting<T>[], error: Error): Promise<void> {
    this.lastWriteFailed = true;
    const tail = this.segments.at(-1)!;
    try {
      await tail.handle.truncate(tail.durableEnd);
    } catch (truncateError) {
      // The file may now hold a partial record after the durable ones: append nothing more to it.
      this.broken = truncateError as Error;
    }
    log.error("writing to the ingest spool failed; exports answered as retryable", { exports: group.length, error: error.message, dir: this.options.dir });
    for (const entry of group) {
      this.hold(entry.tenantId, entry.frameBytes, -1);
      entry.reject(new StoreUnavailableError("The ingest spool cannot be written; retry later", { cause: error }));
    }
  }

  private noteAge(seq: number, atMs: number): void {
    const last = this.ageBuckets.at(-1);
    if (!last || atMs - last.atMs >= AGE_BUCKET_MS) this.ageBuckets.push({ seq, atMs });
  }

  private async startSegment(firstSeq: number): Promise<Segment> {
    const file = path.join(this.options.dir, segmentName(firstSeq));
    const handle = await fs.open(file, "wx+");
    // The new file's name must survive a crash as much as the records in it.
    await syncDirectory(this.options.dir);
    const segment: Segment = { firstSeq, file, handle, durableEnd: 0, lastSeq: firstSeq - 1 };
    this.segments.push(segment);
    return segment;
  }

  /**
   * The next record in order, or null when every durable one has been read. Records still in
   * memory come from there; the others are read back from their segment.
   */
  async read(): Promise<SpooledRecord<T> | null> {
    if (this.readSeq >= this.durableSeq) return null;
    const cached = this.cache.get(this.readSeq);
    if (cached) {
      this.cache.delete(this.readSeq);
      this.cachedBytes -= cached.bytes;
      const { segment, offset } = cached.record.location;
      this.cursor = { segment, reader: new SegmentReader(segment.handle, offset + cached.record.frameBytes) };
      return this.taken(cached.record);
    }
    for (;;) {
      if (!this.cursor) {
        const first = this.segments[0];
        if (!first) return null;
        this.cursor = { segment: first, reader: new SegmentReader(first.handle, 0) };
      }
      const { segment, reader } = this.cursor;
      const outcome = await reader.next(segment.durableEnd);
      if ("frame" in outcome) {
        const { frame } = outcome;
        // Records before the checkpoint were stored by an earlier process.
        if (frame.seq < this.readSeq) continue;
        const location = { segment, offset: outcome.offset };
        return this.taken({ seq: frame.seq, kind: frame.kind, tenantId: frame.tenantId, acknowledgedAtMs: frame.acknowledgedAtMs, frameBytes: frame.frameBytes, location, cached: null, payload: frame.payload });
      }
      if ("invalid" in outcome) {
        // Records were checked on open or fsync'd since: this is damage to the disk after the fact.
        log.error("unreadable record in the ingest spool; the rest of its segment is skipped", { file: segment.file, offset: outcome.offset, problem: outcome.invalid });
        this.skipLost(segment, segment.durableEnd - outcome.offset);
      }
      // A drained segment may have been deleted meanwhile (index -1): then the first one left is next.
      const next = this.segments[this.segments.indexOf(segment) + 1];
      if (!next) return null;
      this.cursor = { segment: next, reader: new SegmentReader(next.handle, 0) };
    }
  }

  /** Records of a segment damaged after open: gone, so their room is freed and the ones after them can be released. */
  private skipLost(segment: Segment, bytes: number): void {
    const lost = Math.max(0, segment.lastSeq + 1 - this.readSeq);
    for (let seq = this.readSeq; seq <= segment.lastSeq; seq++) {
      const cached = this.cache.get(seq);
      if (cached) this.cachedBytes -= cached.bytes;
      this.cache.delete(seq);
      this.reading.push(seq);
      this.storedOutOfOrder.add(seq);
    }
    // Their tenants are unknown now: the total is corrected, the per-tenant shares only as they drain.
    this.heldRecords -= lost;
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
    this.readSeq = Math.max(this.readSeq, segment.lastSeq + 1);
    this.advanceStored();
  }

  private taken(record: SpooledRecord<T>): SpooledRecord<T> {
    this.readSeq = record.seq + 1;
    this.reading.push(record.seq);
    return record;
  }

  /** Calls `wake` whenever new records become readable; returns the unsubscribe. */
  onReadable(wake: () => void): () => void {
    this.wakeReaders.add(wake);
    return () => this.wakeReaders.delete(wake);
  }

  /** The record's rows are in the database (or set aside): its room is free, and its segment may go. */
  stored(record: Pick<SpooledRecord<T>, "seq" | "tenantId" | "frameBytes">): void {
    this.hold(record.tenantId, record.frameBytes, -1);
    this.totals.stored++;
    this.storedOutOfOrder.add(record.seq);
    this.advanceStored();
  }

  /**
   * A record's payload as received: the one it holds, else read again from its segment, which stays
   * until the record is stored.
   */
  async payloadOf(record: Pick<SpooledRecord<T>, "seq" | "location" | "payload">): Promise<Uint8Array> {
    if (record.payload) return record.payload;
    const { segment, offset } = record.location;
    const outcome = await new SegmentReader(segment.handle, offset).next(segment.durableEnd);
    if (!("frame" in outcome) || outcome.frame.seq !== record.seq) throw new Error(`record ${record.seq} is no longer readable in ${segment.file}`);
    return outcome.frame.payload;
  }

  /** Acknowledged records that were never stored and never will be, kept in rejected/ for an operator. */
  async setAside(record: SpooledRecord<T>, reason: string): Promise<void> {
    const folder = path.join(this.options.dir, "rejected");
    await fs.mkdir(folder, { recursive: true });
    const frame = encodeFrame(record, await this.payloadOf(record));
    const file = path.join(folder, `record-${String(record.seq).padStart(16, "0")}.spl`);
    await fs.writeFile(file, Buffer.concat(frame.buffers));
    this.totals.deadLettered++;
    log.error("an acknowledged export could not be stored; set aside", { seq: record.seq, tenant: record.tenantId, file, reason });
  }

  private advanceStored(): void {
    let moved = false;
    while (this.reading.length > 0 && this.storedOutOfOrder.has(this.reading[0]!)) {
      this.storedOutOfOrder.delete(this.reading.shift()!);
      moved = true;
    }
    if (!moved) return;
    const storedBelow = this.storedBelow();
    // Each bucket covers the records from its seq to the next bucket's: the first one left holds the oldest unstored.
    while (this.ageBuckets.length > 0 && (this.ageBuckets[1]?.seq ?? this.durableSeq) <= storedBelow) this.ageBuckets.shift();
    // After close the folder may belong to the next process: it finds what is left from the checkpoint written then.
    if (this.closed) return;
    void this.dropStoredSegments(storedBelow);
    this.scheduleCheckpoint();
  }

  /** Every record below this one is stored. */
  private storedBelow(): number {
    return this.reading[0] ?? this.readSeq;
  }

  private async dropStoredSegments(storedBelow: number): Promise<void> {
    while (this.segments.length > 1 && this.segments[0]!.lastSeq < storedBelow) {
      const segment = this.segments.shift()!;
      try {
        await segment.handle.close();
        await fs.rm(segment.file, { force: true });
      } catch (error) {
        log.warn("could not delete a drained spool segment", { file: segment.file, error: (error as Error).message });
      }
    }
  }

  /**
   * Where replay starts, written now and then (not fsync'd): losing it only means records that
   * are already stored are written again, which adds nothing (rows are idempotent by key).
   */
  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      void this.writeCheckpoint();
    }, 1000);
    this.checkpointTimer.unref();
  }

  private async writeCheckpoint(): Promise<void> {
    const file = path.join(this.options.dir, "checkpoint.json");
    try {
      await fs.writeFile(`${file}.tmp`, JSON.stringify({ storedBelow: this.storedBelow() }));
      await fs.rename(`${file}.tmp`, file);
    } catch (error) {
      log.warn("could not write the spool checkpoint", { error: (error as Error).message });
    }
  }

  private async readCheckpoint(): Promise<number> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(path.join(this.options.dir, "checkpoint.json"), "utf8"));
      const value = (parsed as { storedBelow?: unknown } | null)?.storedBelow;
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 ? value : 1;
    } catch {
      return 1;
    }
  }

  /** Scans the segments an earlier process left, checks every record, and sets up replay. */
  private async recover(): Promise<void> {
    const storedBelow = await this.readCheckpoint();
    const names = (await fs.readdir(this.options.dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
    let firstUnstored: number | null = null;
    let lastSeq = storedBelow - 1;
    for (const [index, name] of names.entries()) {
      const file = path.join(this.options.dir, name);
      const handle = await fs.open(file, "r+");
      const size = (await handle.stat()).size;
      const firstSeq = Number(SEGMENT_NAME.exec(name)![1]);
      const segment: Segment = { firstSeq, file, handle, durableEnd: 0, lastSeq: firstSeq - 1 };
      const reader = new SegmentReader(handle, 0);
      for (;;) {
        const outcome = await reader.next(size);
        if ("frame" in outcome) {
          const { frame } = outcome;
          segment.lastSeq = frame.seq;
          segment.durableEnd = outcome.offset + frame.frameBytes;
          lastSeq = Math.max(lastSeq, frame.seq);
          if (frame.seq < storedBelow) continue;
          firstUnstored ??= frame.seq;
          this.hold(frame.tenantId, frame.frameBytes, +1);
          this.noteAge(frame.seq, frame.acknowledgedAtMs);
          continue;
        }
        if ("invalid" in outcome) {
          const lost = size - outcome.offset;
          if (index === names.length - 1) {
            log.warn("the spool's last record was torn by a crash (never acknowledged); cut off", { file, bytes: lost, problem: outcome.invalid });
          } else {
            log.error("a spool segment is damaged; the records after the damage are lost", { file, offset: outcome.offset, bytes: lost, problem: outcome.invalid });
          }
          await handle.truncate(outcome.offset);
        }
        break;
      }
      this.segments.push(segment);
    }
    this.nextSeq = lastSeq + 1;
    this.durableSeq = this.nextSeq;
    this.readSeq = firstUnstored ?? this.nextSeq;
    // This process appends to a segment of its own; earlier ones are only read.
    await this.startSegment(this.nextSeq);
    // Segments wholly stored go now; the drainer starts in the first one left.
    await this.dropStoredSegments(this.readSeq);
    if (this.heldRecords > 0) {
      log.info("replaying acknowledged exports left in the spool", { exports: this.heldRecords, bytes: this.heldBytes, dir: this.options.dir });
    }
  }

  /** Stops taking appends, waits for the group being written, and records where replay starts. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    await this.writeCheckpoint();
    for (const segment of this.segments) await segment.handle.close().catch(() => {});
    // An empty segment of ours says nothing: leave no litter.
    const tail = this.segments.at(-1);
    if (tail && tail.durableEnd === 0) await fs.rm(tail.file, { force: true });
    this.lock.release();
  }
}

async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let at = position;
  for (let i = 0; i < buffers.length; i += MAX_BUFFERS_PER_WRITE) {
    let slice = buffers.slice(i, i + MAX_BUFFERS_PER_WRITE);
    let want = slice.reduce((sum, buffer) => sum + buffer.length, 0);
    while (want > 0) {
      const { bytesWritten } = await handle.writev(slice, at);
      at += bytesWritten;
      want -= bytesWritten;
      if (want === 0) break;
      // A short write: continue with what is left.
      let skip = bytesWritten;
      const rest: Buffer[] = [];
      for (const buffer of slice) {
        if (skip >= buffer.length) {
          skip -= buffer.length;
          continue;
        }
        rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
      slice = rest;
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
