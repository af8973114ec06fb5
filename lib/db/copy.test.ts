import { sql, type Kysely, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyParts, copyRows, copyText } from "@/lib/db/copy";
import { databaseErrorCode } from "@/lib/db/errors";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { DB } from "@/lib/db/types";

interface Row {
  id: number;
  label: string | null;
  big: string | null;
  flag: boolean | null;
  amount: string | null;
  doc: Record<string, unknown> | null;
}
const COLUMNS = ["id", "label", "big", "flag", "amount", "doc"] as const;

const createTable = (trx: Transaction<DB>) =>
  sql`create temporary table copy_probe (id int primary key, label text, big bigint, flag boolean, amount numeric(20,10), doc jsonb) on commit drop`.execute(trx);
const readBack = (trx: Transaction<DB>) => sql<Row>`select id, label, big::text as big, flag, amount::text as amount, doc from copy_probe order by id`.execute(trx);

describe("copyText", () => {
  it("escapes what COPY's text format treats as syntax and writes null as \\N", () => {
    const rows: Row[] = [{ id: 1, label: "a\tb\nc\rd\\e", big: null, flag: true, amount: "0.5", doc: { k: "line\nbreak" } }];
    expect(copyText(rows, COLUMNS)).toBe('1\ta\\tb\\nc\\rd\\\\e\t\\N\ttrue\t0.5\t{"k":"line\\\\nbreak"}\n');
  });
});

describe("copyParts", () => {
  const rows: Row[] = Array.from({ length: 600 }, (_, i) => ({ id: i, label: i === 300 ? "x".repeat(5_000) : "row", big: null, flag: null, amount: null, doc: null }));

  it("splits rows into parts of about the given size, a longer row alone, and loses or reorders none", () => {
    const parts = [...copyParts(rows, COLUMNS, 2_000)];
    const textOf = (part: (typeof parts)[number]) => Buffer.concat(part.chunks).toString();
    expect(parts.map(textOf).join("")).toBe(copyText(rows, COLUMNS));
    expect(parts.reduce((sum, part) => sum + part.rowCount, 0)).toBe(600);
    const long = parts.find((part) => textOf(part).includes("x".repeat(5_000)))!;
    expect(long.rowCount).toBe(1);
    for (const part of parts) if (part !== long) expect(Buffer.concat(part.chunks).length).toBeLessThanOrEqual(2_000);
    expect(parts.length).toBeGreaterThan(5);
  });

  it("encodes as UTF-8 and counts a part's size in bytes", () => {
    const wide: Row[] = Array.from({ length: 40 }, (_, i) => ({ id: i, label: "日本語 — é".repeat(10), big: null, flag: null, amount: null, doc: null }));
    const parts = [...copyParts(wide, COLUMNS, 1_000)];
    expect(parts.map((part) => Buffer.concat(part.chunks).toString()).join("")).toBe(copyText(wide, COLUMNS));
    expect(copyText(wide, COLUMNS)).toContain("日本語 — é");
    // ~190 bytes a row but ~90 characters: counted in characters, a part would hold about 11 rows.
    for (const part of parts) expect(Buffer.concat(part.chunks).length).toBeLessThanOrEqual(1_000);
    expect(parts[0]!.rowCount).toBeLessThan(8);
  });

  it("keeps all rows in one part without a size, in pieces of 256 rows", () => {
    const [only, ...rest] = [...copyParts(rows, COLUMNS)];
    expect(rest).toEqual([]);
    expect(only!.rowCount).toBe(600);
    expect(only!.chunks.map((chunk) => chunk.toString().split("\n").length - 1)).toEqual([256, 256, 88]);
  });
});

describe.each(testBackends())("copyRows on $name", (backend) => {
  let handle: TestDatabase;
  let db: Kysely<DB>;
  beforeAll(async () => {
    handle = await backend.open({ migrated: false });
    db = handle.database.kysely;
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("stores every value as it was given", async () => {
    const rows: Row[] = [
      { id: 1, label: "tab\there, newline\nhere, return\rhere, backslash\\here", big: "9223372036854775807", flag: true, amount: "0.0000000001", doc: { nested: { text: "a\\b\n\"c\"\t" }, list: [1, null, "é"] } },
      { id: 2, label: "\\N", big: "-9223372036854775808", flag: false, amount: "12345.6789", doc: {} },
      { id: 3, label: "", big: null, flag: null, amount: null, doc: null },
      { id: 4, label: "日本語 🚀 ünïcödé", big: "0", flag: true, amount: "-1", doc: { "": "empty key", "a.b": 2 } },
    ];
    const stored = await db.transaction().execute(async (trx) => {
      await createTable(trx);
      await copyRows(trx, "copy_probe", COLUMNS, rows);
      return (await readBack(trx)).rows;
    });
    expect(stored).toEqual(rows.map((row) => ({ ...row, amount: row.amount === null ? null : Number(row.amount).toFixed(10) })));
  });

  it("sends a batch of many rows in pieces and stores each row once", async () => {
    const rows: Row[] = Array.from({ length: 1_000 }, (_, i) => ({ id: i, label: `row ${i}\t${"x".repeat(i % 300)}`, big: String(i), flag: i % 2 === 0, amount: null, doc: { i } }));
    const stored = await db.transaction().execute(async (trx) => {
      await createTable(trx);
      await copyRows(trx, "copy_probe", COLUMNS, rows);
      return (await readBack(trx)).rows;
    });
    expect(stored).toEqual(rows);
  });

  it("rejects with the database's error when it refuses a value, and the connection works on", async () => {
    const rows: Row[] = [
      { id: 1, label: "fine", big: "1", flag: true, amount: "1", doc: {} },
      { id: 2, label: "too big", big: "99999999999999999999", flag: true, amount: "1", doc: {} },
    ];
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await createTable(trx);
        await copyRows(trx, "copy_probe", COLUMNS, rows);
      })
      .catch((error: unknown) => error);
    // 22003: numeric value out of range for type bigint.
    expect(databaseErrorCode(failure)).toBe("22003");
    const after = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(after.rows).toEqual([{ one: 1 }]);
  });

  it("refuses a NUL character, in text or in JSON, with an error the collector's repair recognises", async () => {
    for (const row of [
      { id: 1, label: "before\u0000after", big: null, flag: null, amount: null, doc: null },
      { id: 2, label: null, big: null, flag: null, amount: null, doc: { text: "x\u0000" } },
    ] satisfies Row[]) {
      const failure = await db
        .transaction()
        .execute(async (trx) => {
          await createTable(trx);
          await copyRows(trx, "copy_probe", COLUMNS, [row]);
        })
        .catch((error: unknown) => error);
      // What collector/store/db-errors.ts isUnstorableText retries with U+FFFD in place.
      expect(["22021", "22P05"]).toContain(databaseErrorCode(failure));
    }
  });

  it("takes part in its transaction: a rollback leaves nothing", async () => {
    await sql`create table copy_kept (id int primary key, label text, big bigint, flag boolean, amount numeric(20,10), doc jsonb)`.execute(db);
    const rolledBack = new Error("roll back");
    await db
      .transaction()
      .execute(async (trx) => {
        await copyRows(trx, "copy_kept", COLUMNS, [{ id: 1, label: "x", big: null, flag: null, amount: null, doc: null }]);
        expect((await sql<{ n: string }>`select count(*)::text as n from copy_kept`.execute(trx)).rows).toEqual([{ n: "1" }]);
        throw rolledBack;
      })
      .catch((error: unknown) => expect(error).toBe(rolledBack));
    expect((await sql<{ n: string }>`select count(*)::text as n from copy_kept`.execute(db)).rows).toEqual([{ n: "0" }]);
  });
});
