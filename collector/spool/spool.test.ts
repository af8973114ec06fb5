import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QueueFullError, StoreUnavailableError } from "@/collector/pipeline/errors";
import { RecordKind } from "@/collector/spool/frame";
import { Spool, type SpooledRecord } from "@/collector/spool/spool";

const dirs: string[] = [];
const open: Spool<string>[] = [];
afterEach(async () => {
  for (const spool of open.splice(0)) await spool.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-spool-"));
  dirs.push(dir);
  return dir;
}

async function openSpool(dir: string, options: { maxBytes?: number; segmentBytes?: number; cacheBytes?: number } = {}): Promise<Spool<string>> {
  const spool = await Spool.open<string>({ dir, maxBytes: options.maxBytes ?? 1024 * 1024, segmentBytes: options.segmentBytes, cacheBytes: options.cacheBytes });
  open.push(spool);
  return spool;
}

async function closeSpool(spool: Spool<string>): Promise<void> {
  open.splice(open.indexOf(spool), 1);
  await spool.close();
}

const payload = (text: string) => Buffer.from(text, "utf8");

async function readAll(spool: Spool<string>): Promise<SpooledRecord<string>[]> {
  const out: SpooledRecord<string>[] = [];
  for (let record = await spool.read(); record; record = await spool.read()) out.push(record);
  return out;
}

const segmentFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith("segment-")).sort();

describe("spool", () => {
  it("hands records back in order, from memory while cached and from disk beyond", async () => {
    const spool = await openSpool(tempDir(), { cacheBytes: 2 });
    await Promise.all(["a", "b", "c", "d"].map((text) => spool.append(RecordKind.TracesJson, "t1", payload(text), { value: `rows of ${text}`, bytes: 1 })));
    const records = await readAll(spool);
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3, 4]);
    // Two fit the cache of two bytes; the others come back from disk without their normalized rows.
    expect(records.map((record) => record.cached)).toEqual(["rows of a", "rows of b", null, null]);
    // A cached record holds its rows, not its bytes; they are read again from disk when asked for.
    expect(records.map((record) => record.payload && Buffer.from(record.payload!).toString())).toEqual([null, null, "c", "d"]);
    expect(await Promise.all(records.map(async (record) => Buffer.from(await spool.payloadOf(record)).toString()))).toEqual(["a", "b", "c", "d"]);
    expect(records.every((record) => record.tenantId === "t1" && record.kind === RecordKind.TracesJson)).toBe(true);
    expect(spool.records).toBe(4);
  });

  it("replays what was not stored after a restart, and skips what was", async () => {
    const dir = tempDir();
    const first = await openSpool(dir);
    for (const text of ["one", "two", "three"]) await first.append(RecordKind.LogsProtobuf, "t1", payload(text));
    const [one] = await readAll(first);
    first.stored(one!);
    await closeSpool(first);

    const second = await openSpool(dir);
    expect(second.records).toBe(2);
    const replayed = await readAll(second);
    expect(replayed.map((record) => Buffer.from(record.payload!).toString())).toEqual(["two", "three"]);
    expect(replayed.map((record) => record.seq)).toEqual([2, 3]);
    // New records continue the numbering.
    await second.append(RecordKind.LogsProtobuf, "t1", payload("four"));
    expect((await second.read())?.seq).toBe(4);
  });

  it("cuts off a torn last record and keeps the ones before it", async () => {
    const dir = tempDir();
    const first = await openSpool(dir);
    for (const text of ["kept-1", "kept-2", "torn"]) await first.append(RecordKind.TracesProtobuf, "t1", payload(text));
    await closeSpool(first);
    const [segment] = segmentFiles(dir);
    const file = path.join(dir, segment!);
    // A crash mid-write: the last record lost its final bytes.
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 3);

    const second = await openSpool(dir);
    expect((await readAll(second)).map((record) => Buffer.from(record.payload!).toString())).toEqual(["kept-1", "kept-2"]);
    expect(fs.statSync(file).size).toBeLessThan(size - 3);
  });

  it("stops at a record whose checksum does not match", async () => {
    const dir = tempDir();
    const first = await openSpool(dir);
    for (const text of ["good", "flipped", "after"]) await first.append(RecordKind.TracesJson, "t1", payload(text));
    await closeSpool(first);
    const file = path.join(dir, segmentFiles(dir)[0]!);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf("flipped");
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(file, bytes);

    const second = await openSpool(dir);
    expect((await readAll(second)).map((record) => Buffer.from(record.payload!).toString())).toEqual(["good"]);
  });

  it("starts new segments and deletes each once all its records are stored", async () => {
    const dir = tempDir();
    const spool = await openSpool(dir, { segmentBytes: 100 });
    for (let i = 0; i < 6; i++) await spool.append(RecordKind.TracesJson, "t1", payload(`record-${i}-${"x".repeat(60)}`));
    expect(segmentFiles(dir).length).toBeGreaterThanOrEqual(3);
    const records = await readAll(spool);
    expect(records).toHaveLength(6);
    // Stored out of order: nothing is released until the oldest is.
    for (const record of records.slice(1)) spool.stored(record);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(segmentFiles(dir).length).toBeGreaterThanOrEqual(3);
    spool.stored(records[0]!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Only the segment being written is left.
    expect(segmentFiles(dir)).toHaveLength(1);
    expect(spool.records).toBe(0);
    expect(spool.bytes).toBe(0);
  });

  it("refuses an export it has no room for, and one tenant cannot take the last fifth from the others", async () => {
    const spool = await openSpool(tempDir(), { maxBytes: 1000 });
    // 32 bytes of record head and the 5-byte tenant id make each record 100 bytes.
    const hundred = payload("x".repeat(100 - 37));
    for (let i = 0; i < 8; i++) await spool.append(RecordKind.TracesJson, "flood", hundred);
    expect(spool.bytes).toBe(800);
    // Past 80%, the tenant already holding its share of those 80% is refused...
    await expect(spool.append(RecordKind.TracesJson, "flood", hundred)).rejects.toBeInstanceOf(QueueFullError);
    // ...and another tenant still gets in, up to the hard limit.
    await spool.append(RecordKind.TracesJson, "quiet", hundred);
    await spool.append(RecordKind.TracesJson, "quiet", hundred);
    await expect(spool.append(RecordKind.TracesJson, "quiet", hundred)).rejects.toBeInstanceOf(QueueFullError);
    expect(spool.totals.refused).toBe(2);
  });

  it("reports how long the oldest unstored record has waited", async () => {
    let now = 1_000_000;
    const spool = await Spool.open<string>({ dir: tempDir(), maxBytes: 1 << 20, now: () => now });
    open.push(spool);
    expect(spool.oldestAgeSeconds()).toBe(0);
    await spool.append(RecordKind.TracesJson, "t1", payload("old"));
    now += 5000;
    await spool.append(RecordKind.TracesJson, "t1", payload("new"));
    now += 2000;
    expect(spool.oldestAgeSeconds()).toBe(7);
    const [old, recent] = await readAll(spool);
    spool.stored(old!);
    expect(spool.oldestAgeSeconds()).toBe(2);
    spool.stored(recent!);
    expect(spool.oldestAgeSeconds()).toBe(0);
  });

  it("writes concurrent appends with one fsync for the group and keeps their order", async () => {
    const spool = await openSpool(tempDir(), { maxBytes: 10 * 1024 * 1024 });
    const texts = Array.from({ length: 200 }, (_, i) => `export-${i}`);
    await Promise.all(texts.map((text) => spool.append(RecordKind.TracesJson, "t1", payload(text))));
    const records = await readAll(spool);
    expect(records.map((record) => Buffer.from(record.payload!).toString())).toEqual(texts);
    expect(new Set(records.map((record) => record.seq)).size).toBe(200);
  });

  it("says it cannot be written after a failed write, refusing as retryable, until a write succeeds", async () => {
    const dir = tempDir();
    const spool = await openSpool(dir, { segmentBytes: 100 });
    await spool.append(RecordKind.TracesJson, "t1", payload("x".repeat(100)));
    expect(spool.writable).toBe(true);
    // The next append starts segment 2; something already in its place makes that fail.
    const blocker = path.join(dir, "segment-0000000000000002.log");
    fs.mkdirSync(blocker);
    await expect(spool.append(RecordKind.TracesJson, "t1", payload("refused"))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(spool.writable).toBe(false);
    expect(spool.records).toBe(1);
    fs.rmdirSync(blocker);
    await spool.append(RecordKind.TracesJson, "t1", payload("accepted"));
    expect(spool.writable).toBe(true);
    expect((await readAll(spool)).map((record) => Buffer.from(record.payload!).toString().slice(0, 8))).toEqual(["x".repeat(8), "accepted"]);
  });

  it("refuses a second process's spool folder while one holds it", async () => {
    const dir = tempDir();
    await openSpool(dir);
    await expect(Spool.open({ dir, maxBytes: 1000 })).rejects.toThrow(/in use by process/);
  });
});
