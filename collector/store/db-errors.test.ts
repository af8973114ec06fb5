import { describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { InternalExportError, InvalidExportError, StoreUnavailableError } from "@/collector/pipeline/errors";
import { guardedWrite, writeFailure } from "@/collector/store/db-errors";
import type { WriteBatch } from "@/collector/store/write-batch";

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
