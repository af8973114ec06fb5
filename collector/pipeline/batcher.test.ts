import { describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import type { WriteBatch } from "@/collector/store/write-batch";
import { guardedWrite } from "@/collector/store/db-errors";
import { Batcher, splitBatch, type BatcherOptions } from "@/collector/pipeline/batcher";
import { InvalidExportError, QueueFullError, StoreUnavailableError } from "@/collector/pipeline/errors";

const batchOf = (n: number, tag = "x"): WriteBatch => ({
  spans: Array.from({ length: n }, (_, i) => makeSpan({ span_id: `${tag}${i}`.padStart(16, "0"), name: tag })),
  auditEvents: [],
  graphs: [],
  nodeSpecs: [],
});

function batcher(write: BatcherOptions["write"], overrides: Partial<BatcherOptions> = {}) {
  return new Batcher({ maxBatchRows: 10, flushIntervalMs: 5, maxQueuedRows: 25, writers: 1, write, ...overrides });
}

describe("Batcher", () => {
  it("merges concurrent exports into one write and settles each when committed", async () => {
    const writes: number[] = [];
    const b = batcher(async (batch) => void writes.push(batch.spans.length));
    await Promise.all([b.submit(batchOf(3, "a")), b.submit(batchOf(4, "b"))]);
    expect(writes).toEqual([7]);
  });

  it("flushes by size without waiting for the interval", async () => {
    const writes: number[] = [];
    const b = batcher(async (batch) => void writes.push(batch.spans.length), { flushIntervalMs: 60_000 });
    await Promise.all([b.submit(batchOf(6)), b.submit(batchOf(6))]);
    expect(writes).toEqual([6, 6]);
  });

  it("refuses new work as retryable when the queue is full", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const b = batcher(() => blocked, { maxBatchRows: 100, flushIntervalMs: 60_000 });
    const first = b.submit(batchOf(20));
    await expect(b.submit(batchOf(10))).rejects.toBeInstanceOf(QueueFullError);
    void b.drain();
    release();
    await first;
  });

  it("answers every export of a batch as retryable when the database is down", async () => {
    const b = batcher(
      guardedWrite(async () => {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      }),
    );
    const results = await Promise.allSettled([b.submit(batchOf(2)), b.submit(batchOf(2))]);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
  });

  it("fails only the export whose rows the database refuses", async () => {
    const b = batcher(
      guardedWrite(async (batch) => {
        if (batch.spans.some((s) => s.name === "bad")) throw Object.assign(new Error("numeric field overflow"), { code: "22003" });
      }),
    );
    const [good, bad] = await Promise.allSettled([b.submit(batchOf(2, "good")), b.submit(batchOf(2, "bad"))]);
    expect(good.status).toBe("fulfilled");
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(InvalidExportError);
  });

  it("drain writes what is waiting, then refuses new work", async () => {
    const writes: number[] = [];
    const b = batcher(async (batch) => void writes.push(batch.spans.length), { flushIntervalMs: 60_000 });
    const pending = b.submit(batchOf(3));
    await b.drain();
    await pending;
    expect(writes).toEqual([3]);
    await expect(b.submit(batchOf(1))).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe("Batcher fairness", () => {
  const tenantBatch = (tenantId: string, n: number, tag: string): WriteBatch => ({
    ...batchOf(0),
    spans: Array.from({ length: n }, (_, i) => makeSpan({ tenant_id: tenantId, span_id: `${tag}${i}`.padStart(16, "0"), name: tag })),
  });

  it("refuses a flooding tenant's exports as retryable and still accepts another tenant's", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const b = batcher(() => blocked, { maxBatchRows: 100, flushIntervalMs: 60_000, maxQueuedRows: 25 });
    const flood = [b.submit(tenantBatch("flood", 20, "f"))];
    await expect(b.submit(tenantBatch("flood", 10, "g"))).rejects.toBeInstanceOf(QueueFullError);
    const small = b.submit(tenantBatch("small", 1, "s"));
    const again = b.submit(tenantBatch("small", 1, "t"));
    void b.drain();
    release();
    await Promise.all([...flood, small, again]);
  });

  it("writes a small tenant's export before the rest of a flood queued ahead of it", async () => {
    const written: string[] = [];
    const b = batcher(async (batch) => void written.push([...new Set(batch.spans.map((s) => s.name))].join("")), { maxBatchRows: 2, flushIntervalMs: 1, maxQueuedRows: 1000 });
    const all = ["a", "b", "c", "d"].map((tag) => b.submit(tenantBatch("flood", 2, tag)));
    all.push(b.submit(tenantBatch("small", 1, "s")));
    await Promise.all(all);
    // "a" is being written and "b" holds the flood's turn when "s" arrives; first come, first
    // served would have written "s" last.
    expect(written.indexOf("s")).toBe(2);
    expect(written.indexOf("s")).toBeLessThan(written.indexOf("d"));
  });

  it("cuts an export bigger than one write into writes of at most maxBatchRows, and settles it once all are committed", async () => {
    const writes: number[] = [];
    const b = batcher(async (batch) => void writes.push(batch.spans.length + batch.auditEvents.length), { maxBatchRows: 10, maxQueuedRows: 1000 });
    await b.submit(batchOf(25, "big"));
    expect(writes).toEqual([10, 10, 5]);
  });

  it("lets another tenant's small export in between the parts of a big one", async () => {
    const written: string[] = [];
    const b = batcher(async (batch) => void written.push(batch.spans[0]!.tenant_id), { maxBatchRows: 10, maxQueuedRows: 1000 });
    const big = b.submit(tenantBatch("big", 40, "b"));
    const small = b.submit(tenantBatch("small", 1, "s"));
    await Promise.all([big, small]);
    // Behind the part being written and the one holding the big tenant's turn at most; without
    // parts the whole 40-row export was one write ahead of it.
    expect(written.indexOf("small")).toBeLessThanOrEqual(2);
    expect(written.filter((tenant) => tenant === "big")).toHaveLength(4);
  });

  it("fails a cut export when one of its parts fails, after the others were written", async () => {
    let writes = 0;
    const b = batcher(async () => {
      if (++writes === 2) throw new StoreUnavailableError("down");
    }, { maxBatchRows: 10, maxQueuedRows: 1000 });
    await expect(b.submit(batchOf(30))).rejects.toBeInstanceOf(StoreUnavailableError);
    await b.drain();
    expect(writes).toBe(3);
  });
});

describe("Batcher backpressure", () => {
  it("refuses (retryable) before an export would wait longer than maxQueueWaitMs at the measured write speed", async () => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // 10 rows per 100 ms: 100 rows/s, so 350 ms of waiting is about 35 rows, far below maxQueuedRows.
    const b = batcher(() => sleep(100), { maxBatchRows: 10, flushIntervalMs: 1, maxQueuedRows: 1000, maxQueueWaitMs: 350 });
    await b.submit(batchOf(10, "warm"));
    const results = await Promise.allSettled(["a", "b", "c", "d", "e", "f"].map((tag) => b.submit(batchOf(10, tag))));
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const result of refused) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(QueueFullError);
    // Those accepted were stored; a tenant with nothing waiting is still let in.
    expect(results.filter((result) => result.status === "fulfilled").length).toBeGreaterThanOrEqual(2);
  });

  it("before any write finished, only maxQueuedRows limits", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const b = batcher(() => blocked, { maxBatchRows: 10, flushIntervalMs: 1, maxQueuedRows: 1000, maxQueueWaitMs: 1 });
    const all = ["a", "b", "c"].map((tag) => b.submit(batchOf(10, tag)));
    release();
    await Promise.all(all);
  });
});

describe("splitBatch", () => {
  it("keeps a batch within the limit whole, and puts node specs with the first part", () => {
    const whole = batchOf(3);
    expect(splitBatch(whole, 10)).toEqual([whole]);
    const withSpecs = { ...batchOf(12), auditEvents: batchOf(3).spans as unknown as WriteBatch["auditEvents"], nodeSpecs: [{}] as unknown as WriteBatch["nodeSpecs"] };
    const parts = splitBatch(withSpecs, 5);
    expect(parts.map((part) => part.spans.length + part.auditEvents.length)).toEqual([5, 5, 5]);
    expect(parts.map((part) => part.nodeSpecs.length)).toEqual([1, 0, 0]);
    expect(parts.flatMap((part) => part.spans)).toEqual(withSpecs.spans);
  });

  it("gives every part the metric series of its own points", () => {
    const series = ["a", "b", "c"].map((key) => ({ tenant_id: "t", series_key: key, metric_name: key, kind: "gauge" as const, first_seen_unix_nano: "1" }));
    const points = ["a", "a", "b", "a", "c"].map((key, i) => ({ tenant_id: "t", series_key: key, time_unix_nano: String(i + 1), value: i }));
    const parts = splitBatch({ spans: [], auditEvents: [], graphs: [], nodeSpecs: [], metrics: { series, points } }, 2);
    expect(parts.map((part) => [part.metrics!.points.map((p) => p.series_key), part.metrics!.series.map((s) => s.series_key)])).toEqual([
      [["a", "a"], ["a"]],
      [["b", "a"], ["b", "a"]],
      [["c"], ["c"]],
    ]);
  });
});

