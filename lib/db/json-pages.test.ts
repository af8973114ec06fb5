import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { jsonPage, readInPages } from "@/lib/db/json-pages";
import type { DB } from "@/lib/db/types";

describe("readInPages", () => {
  const source = Array.from({ length: 23 }, (_, i) => i);
  const reader = (calls: { after: number | null; limit: number }[]) => async (after: number | null, limit: number) => {
    calls.push({ after, limit });
    const from = after === null ? 0 : after + 1;
    return source.slice(from, from + limit);
  };

  it("reads every row once, each page from after the last one", async () => {
    const calls: { after: number | null; limit: number }[] = [];
    expect(await readInPages(5, Infinity, reader(calls))).toEqual(source);
    expect(calls.map((c) => c.after)).toEqual([null, 4, 9, 14, 19]);
  });

  it("stops at max, asking only for what is left", async () => {
    const calls: { after: number | null; limit: number }[] = [];
    expect(await readInPages(5, 12, reader(calls))).toEqual(source.slice(0, 12));
    expect(calls.map((c) => c.limit)).toEqual([5, 5, 2]);
  });
});

describe.each(testBackends())("jsonPage on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("keeps the given order and int8 sent as text exact", async () => {
    const db = handle.database.kysely;
    const query = sql`select v::text as big, v % 3 as small from (values (9007199254740993::int8), (1::int8), (9007199254740995::int8)) as t(v)`;
    const rows = await jsonPage<{ big: string; small: number }, DB>(db, query, sql`p.big::int8 desc`);
    expect(rows).toEqual([
      { big: "9007199254740995", small: 2 },
      { big: "9007199254740993", small: 0 },
      { big: "1", small: 1 },
    ]);
    expect(await jsonPage(db, sql`select 1 as one where false`, sql`p.one`)).toEqual([]);
  });
});
