import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidExportError, StoreUnavailableError } from "@/collector/pipeline/errors";
import { SpoolDrainer } from "@/collector/spool/drainer";
import { RecordKind } from "@/collector/spool/frame";
import { Spool } from "@/collector/spool/spool";
import type { WriteBatch } from "@/collector/store/write-batch";

// The drainer between a real spool and a store that the test makes fail: the database's own
// behaviour under outages is in the fault tests (npm run test:faults).

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(
  store: (batch: WriteBatch, tenantId: string) => Promise<void>,
  options: { writeDeadlineMs?: number; receiversBusy?: () => boolean; busyWindowRows?: number; cacheBytes?: number } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-drainer-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { cacheBytes, ...drainerOptions } = options;
  const spool = await Spool.open<WriteBatch>({ dir, maxBytes: 1 << 20, cacheBytes });
  cleanups.push(() => spool.close());
  const drainer = new SpoolDrainer({
    spool,
    // A record read back from disk (past the cache) is named by its payload, as it was appended.
    rowsOf: async (record) => batchNamed(Buffer.from(record.payload).toString()),
    store,
    maxInFlightRows: 2,
    minBackoffMs: 10,
    maxBackoffMs: 40,
    ...drainerOptions,
  });
  cleanups.push(() => drainer.stop(1000));
  drainer.start();
  const append = (name: string) => spool.append(RecordKind.TracesJson, "t1", Buffer.from(name), { value: batchNamed(name), bytes: 1 });
  return { dir, spool, drainer, append };
}

/** A batch of one audit event whose run id names it, so the test can tell batches apart. */
function batchNamed(name: string): WriteBatch {
  return { spans: [], auditEvents: [{ run_id: name } as WriteBatch["auditEvents"][number]], graphs: [], nodeSpecs: [] };
}
const nameOf = (batch: WriteBatch) => String(batch.auditEvents[0]!.run_id);

describe("spool drainer", () => {
  it("stores every record once, retrying through failures, and frees the spool", async () => {
    const stored: string[] = [];
    let failuresLeft = 5;
    const { spool, drainer, append } = await setUp(async (batch) => {
      if (failuresLeft-- > 0) throw new StoreUnavailableError("database down");
      stored.push(nameOf(batch));
    });
    const names = Array.from({ length: 20 }, (_, i) => `export-${i}`);
    await Promise.all(names.map(append));
    expect(await drainer.drained(5000)).toBe(true);
    expect([...stored].sort()).toEqual([...names].sort());
    expect(spool.records).toBe(0);
    expect(spool.totals.stored).toBe(20);
  });

  it("keeps at most the window's rows in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const { drainer, append } = await setUp(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(`export-${i}`)));
    expect(await drainer.drained(5000)).toBe(true);
    expect(most).toBe(2);
  });

  it("keeps one batch's rows in flight while the receivers are busy, and the whole window again after", async () => {
    let busy = true;
    let inFlight = 0;
    const most = { busy: 0, idle: 0 };
    const { drainer, append } = await setUp(
      async () => {
        inFlight++;
        most[busy ? "busy" : "idle"] = Math.max(most[busy ? "busy" : "idle"], inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
      { receiversBusy: () => busy, busyWindowRows: 1 },
    );
    await Promise.all(Array.from({ length: 8 }, (_, i) => append(`busy-${i}`)));
    expect(await drainer.drained(5000)).toBe(true);
    busy = false;
    drainer.resume();
    await Promise.all(Array.from({ length: 8 }, (_, i) => append(`idle-${i}`)));
    expect(await drainer.drained(5000)).toBe(true);
    expect(most).toEqual({ busy: 1, idle: 2 });
  });

  it("sets aside a record the database refuses for good, and goes on with the rest", async () => {
    const stored: string[] = [];
    const { dir, spool, drainer, append } = await setUp(async (batch) => {
      if (nameOf(batch) === "poison") throw new InvalidExportError("value out of range");
      stored.push(nameOf(batch));
    });
    for (const name of ["before", "poison", "after"]) await append(name);
    expect(await drainer.drained(5000)).toBe(true);
    expect(stored.sort()).toEqual(["after", "before"]);
    expect(spool.totals.deadLettered).toBe(1);
    const rejected = fs.readdirSync(path.join(dir, "rejected"));
    expect(rejected).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, "rejected", rejected[0]!)).includes(Buffer.from("poison"))).toBe(true);
  });

  it("sets aside a refused record read back from disk with the bytes it was received with", async () => {
    const { dir, spool, drainer, append } = await setUp(
      async (batch) => {
        if (nameOf(batch) === "poison") throw new InvalidExportError("value out of range");
      },
      { cacheBytes: 0 },
    );
    for (const name of ["before", "poison", "after"]) await append(name);
    expect(await drainer.drained(5000)).toBe(true);
    expect(spool.totals.deadLettered).toBe(1);
    const [rejected] = fs.readdirSync(path.join(dir, "rejected"));
    expect(fs.readFileSync(path.join(dir, "rejected", rejected!)).includes(Buffer.from("poison"))).toBe(true);
  });

  it("gives up on a write that never settles and stores the record with the next try", async () => {
    let attempts = 0;
    const stored: string[] = [];
    const { drainer, append } = await setUp(
      (batch) => {
        // The first attempt hangs for good, as a lost connection's transaction did.
        if (attempts++ === 0) return new Promise<void>(() => {});
        stored.push(nameOf(batch));
        return Promise.resolve();
      },
      { writeDeadlineMs: 50 },
    );
    await append("stuck");
    expect(await drainer.drained(5000)).toBe(true);
    expect(stored).toEqual(["stuck"]);
    expect(attempts).toBe(2);
  });
});
