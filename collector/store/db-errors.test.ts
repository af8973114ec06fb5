import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { Batcher } from "@/collector/pipeline/batcher";
import { InternalExportError, InvalidExportError, StoreUnavailableError } from "@/collector/pipeline/errors";
import { guardedWrite, writeFailure } from "@/collector/store/db-errors";
import { writeBatch, type WriteBatch } from "@/collector/store/write-batch";

const batchOf = (name: string): WriteBatch => ({ spans: [makeSpan({ name })], auditEvents: [], graphs: [], nodeSpecs: [] });
const dbError = (message: string, code?: string) => Object.assign(new Error(message), code === undefined ? {} : { code });

describe("guardedWrite", () => {
  it("retries once with NUL characters replaced", async () => {
    const names: string[] = [];
    const write = guardedWrite(async (batch: WriteBatch) => {
      const name = batch.spans[0]!.name;
      names.push(name);
      if (name.includes("\u0000")) throw dbError('invalid byte sequence for encoding "UTF8": 0x00', "22021");
    });
    await write(batchOf("a\u0000b"));
    expect(names).toEqual(["a\u0000b", "a\uFFFDb"]);
  });

  it("throws what the exporter must hear, with the database's error as the cause", async () => {
    const refused = dbError("numeric field overflow", "22003");
    const failure = await guardedWrite(async () => Promise.reject(refused))(batchOf("x")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidExportError);
    expect(failure).toMatchObject({ message: "The export holds a value the database refuses: numeric field overflow", cause: refused });
  });
});

describe("writeFailure", () => {
  it.each([
    [dbError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), StoreUnavailableError],
    [dbError("deadlock detected", "40P01"), StoreUnavailableError],
    [dbError("could not extend file: No space left on device", "53100"), StoreUnavailableError],
    [dbError("PGlite is closed"), StoreUnavailableError],
    [dbError("value too long for type character varying(16)", "22001"), InvalidExportError],
    [dbError("relation \"spans\" does not exist", "42P01"), InternalExportError],
    ["not even an Error", InternalExportError],
  ])("answers %s as %o", (error, kind) => {
    const failure = writeFailure(error);
    expect(failure).toBeInstanceOf(kind);
    expect(failure.retryable).toBe(kind === StoreUnavailableError);
  });
});

describe.each(testBackends())("a batch written again on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("keeps its spans' prices when a merged flush fails and each export is written alone", async () => {
    const db = handle.database.kysely;
    const batcher = new Batcher({ maxBatchRows: 10, flushIntervalMs: 5, maxQueuedRows: 100, writers: 1, write: guardedWrite(async (b) => void (await writeBatch(db, b, 0n))) });
    const llmCall = makeSpan({ span_id: "00000000000000a1", model_vendor: "openai", model_name: "gpt-4o", input_tokens: "100", output_tokens: "20" });
    // int8 overflows: the database refuses this export's row, failing the merged transaction.
    const broken = makeSpan({ span_id: "00000000000000b1", input_tokens: "99999999999999999999" });
    const [good, bad] = await Promise.allSettled([batcher.submit({ ...batchOf("x"), spans: [llmCall] }), batcher.submit({ ...batchOf("x"), spans: [broken] })]);
    expect(good.status).toBe("fulfilled");
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(InvalidExportError);
    const stored = await db.selectFrom("spans").select(["span_id", "cost_usd", "cost_source"]).execute();
    // gpt-4o: $2.50 in, $10 out per 1M tokens.
    expect(stored).toEqual([{ span_id: "00000000000000a1", cost_usd: expect.any(String), cost_source: "price_library" }]);
    expect(Math.abs(Number(stored[0]!.cost_usd) - (100 * 2.5 + 20 * 10) / 1e6)).toBeLessThan(1e-9);
  });
});
