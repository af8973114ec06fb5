import { sql, type Expression, type Kysely, type RawBuilder } from "kysely";

// Reading many rows on PGlite: it runs a query to its end on the event loop's thread, and turns each
// value of each result row into JavaScript one at a time (100,000 spans of ten columns: 1.1–1.4 s as
// rows, ~0.3 s as one json_agg text that JSON.parse reads). A large read there goes in keyset pages,
// each one JSON text, with a turn of the event loop between them (docs/benchmarks.md, issue 19).

/**
 * The rows of `query` (a select the caller has ordered and limited) as one JSON text of objects,
 * kept in `order` (an expression over the rows, as `p`). JSON has no 64-bit integers: the select
 * sends int8 columns as text.
 */
export async function jsonPage<Row, Database>(db: Kysely<Database>, query: Expression<unknown>, order: RawBuilder<unknown>): Promise<Row[]> {
  const { rows } = await sql<{ page: string }>`select coalesce(json_agg(p order by ${order}), '[]')::text as page from (${query}) as p`.execute(db);
  return JSON.parse(rows[0]!.page) as Row[];
}

/**
 * Up to `max` rows, `pageSize` at a time: `readPage` gets the last row of the page before (null
 * first) and how many to read, and returns them in keyset order. Between pages the event loop turns
 * (a macrotask: PGlite's promises settle without one), so requests and ingest get their turn.
 */
export async function readInPages<Row>(pageSize: number, max: number, readPage: (after: Row | null, limit: number) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: Row | null = null;
  while (rows.length < max) {
    const limit = Math.min(pageSize, max - rows.length);
    const page = await readPage(after, limit);
    for (const row of page) rows.push(row);
    if (page.length < limit) break;
    after = page.at(-1)!;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}
