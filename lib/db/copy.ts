import { createHash } from "node:crypto";
import { once } from "node:events";
import { CompiledQuery, sql, type Kysely, type Transaction } from "kysely";
import type { PGlite, Results } from "@electric-sql/pglite";
import type { ReservedSql } from "postgres";

// COPY parses rows in C several times faster than json_populate_recordset or bound parameters
// (bench:ingest, docs/benchmarks.md), but neither Kysely dialect exposes it. A COPY therefore
// travels through Kysely as a statement whose one parameter is a CopyRows: the connection
// layers of lib/db/client.ts recognise it and run the backend's own COPY protocol instead
// (postgres.js: COPY FROM STDIN on the transaction's reserved connection; PGlite: FROM
// '/dev/blob'), so it takes part in the caller's transaction like any other statement.

/** Rows for `COPY table (columns)`, in PostgreSQL's text format, in pieces of a few hundred rows. */
export class CopyRows {
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    readonly chunks: readonly Buffer<ArrayBuffer>[],
    readonly rowCount: number,
  ) {}

  statement(source: "stdin" | "'/dev/blob'"): string {
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    return `copy ${quote(this.table)} (${this.columns.map(quote).join(", ")}) from ${source}`;
  }
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY's text format: `\N` for null; objects as JSON (for json/jsonb columns). */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c]!) : text;
}

/** Rows per piece of COPY data: a batch is sent as several pieces, never one of many MB. */
const ROWS_PER_CHUNK = 256;

/** Some rows in COPY's text format, UTF-8 encoded, in pieces of ROWS_PER_CHUNK rows. */
export interface CopyPart {
  chunks: Buffer<ArrayBuffer>[];
  rowCount: number;
}

/**
 * The rows' `columns` in COPY's text format (tab-separated, one line per row), UTF-8 encoded, in
 * parts of about `maxBytes` bytes each (a longer row is a part of its own), built one part at a
 * time: rows that repeat a large value (a resource on every log record) never sit in memory all at
 * once. Each line is encoded as it is made: encoding a piece of 256 lines as one string, built by
 * appending, cost ~3.5× as much (the collector's CPU profile had it at ~6% of its main thread).
 */
export function* copyParts<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[], maxBytes = Infinity): Generator<CopyPart> {
  let part: CopyPart = { chunks: [], rowCount: 0 };
  let partBytes = 0;
  let lines: Buffer<ArrayBuffer>[] = [];
  const endChunk = () => {
    if (lines.length > 0) part.chunks.push(lines.length === 1 ? lines[0]! : Buffer.concat(lines));
    lines = [];
  };
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < columns.length; i++) line += (i === 0 ? "" : "\t") + copyValue(row[columns[i]!]);
    line += "\n";
    const encoded = Buffer.from(line);
    if (part.rowCount > 0 && partBytes + encoded.length > maxBytes) {
      endChunk();
      yield part;
      part = { chunks: [], rowCount: 0 };
      partBytes = 0;
    }
    lines.push(encoded);
    partBytes += encoded.length;
    part.rowCount++;
    if (part.rowCount % ROWS_PER_CHUNK === 0) endChunk();
  }
  endChunk();
  if (part.rowCount > 0) yield part;
}

/** The rows' `columns` in COPY's text format, in pieces of ROWS_PER_CHUNK rows. */
export const copyChunks = <T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): Buffer<ArrayBuffer>[] => [...copyParts(rows, columns)].flatMap((part) => part.chunks);

/** The rows' `columns` in COPY's text format, as one string. */
export const copyText = <T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string => Buffer.concat(copyChunks(rows, columns)).toString();

/** COPYs rows into `table` as part of the executor's transaction. Columns not listed take their defaults; a listed null stays null. */
export async function copyRows<DB, T extends object>(executor: Kysely<DB> | Transaction<DB>, table: string, columns: readonly (keyof T & string)[], rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  await executeCopy(executor, new CopyRows(table, columns, copyChunks(rows, columns), rows.length));
}

const executeCopy = async <DB>(executor: Kysely<DB> | Transaction<DB>, copy: CopyRows): Promise<void> => {
  await executor.executeQuery(CompiledQuery.raw(copy.statement("stdin"), [copy]));
};

/**
 * A temporary table with `columns` typed as in `table` (no constraints), emptied at every commit
 * and now; its name carries the columns, so a deploy that changes them gets a new one.
 */
export async function emptyStage<DB>(trx: Transaction<DB>, table: string, columns: readonly string[]): Promise<string> {
  const stage = `stage_${table}_${createHash("sha256").update(columns.join(",")).digest("hex").slice(0, 8)}`;
  const columnList = sql.join(columns.map((column) => sql.ref(column)));
  await sql`create temporary table if not exists ${sql.raw(stage)} on commit delete rows as select ${columnList} from ${sql.table(table)} with no data`.execute(trx);
  // Empty already unless this transaction staged rows here before.
  await sql`delete from ${sql.raw(stage)}`.execute(trx);
  return stage;
}

/**
 * COPYs rows into a temporary stage with `columns` typed as in `table` (no constraints, so a
 * null the later statement coalesces gets in), for an `insert … select … from <stage>` that
 * upserts them: COPY parses rows several times faster than json_populate_recordset. The stage
 * lives as long as the connection and is emptied at every commit. Array columns take PostgreSQL
 * array literals ("{1,2}"): other objects and arrays are written as JSON. Returns the stage's name.
 */
export async function stageRows<DB, T extends object>(trx: Transaction<DB>, table: string, columns: readonly (keyof T & string)[], rows: readonly T[]): Promise<string> {
  const stage = await emptyStage(trx, table, columns);
  await copyRows(trx, stage, columns, rows);
  return stage;
}

/**
 * stageRows a part of about `maxBytes` of COPY text at a time: after each part is staged, `each`
 * runs on the stage (its insert … select), then the stage is emptied for the next part.
 */
export async function stageRowParts<DB, T extends object>(
  trx: Transaction<DB>,
  table: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
  maxBytes: number,
  each: (stage: string) => Promise<void>,
): Promise<void> {
  for (const part of copyParts(rows, columns, maxBytes)) {
    const stage = await emptyStage(trx, table, columns);
    await executeCopy(trx, new CopyRows(stage, columns, part.chunks, part.rowCount));
    await each(stage);
  }
}

/** The CopyRows a statement's parameters carry, if it is one. */
export function copyRowsIn(parameters: readonly unknown[] | undefined): CopyRows | null {
  return parameters?.length === 1 && parameters[0] instanceof CopyRows ? parameters[0] : null;
}

/** The shape kysely-postgres-js reads from a postgres.js result. */
type CopyResult = unknown[] & { command: string; count: number };

/** What a postgres.js query is beneath its typings: the server's error reaches it through `reject`. */
interface RejectableQuery {
  reject: (error: unknown) => void;
}

/**
 * Runs a COPY FROM STDIN on a reserved postgres.js connection. postgres.js (3.4) settles a COPY's
 * query when the server asks for data, so an error the server reports after the last row (a
 * value it refuses) reaches neither the stream nor the awaited query, and the stream never
 * finishes: the query's reject is wrapped to hear it. lib/db/copy.test.ts fails if that changes.
 */
export async function copyThroughPostgres(reserved: Pick<ReservedSql, "unsafe">, copy: CopyRows): Promise<CopyResult> {
  const query = reserved.unsafe(copy.statement("stdin"));
  const stream = await query.writable();
  const rejectable = query as unknown as RejectableQuery;
  const refused = new Promise<never>((_, reject) => {
    const original = rejectable.reject;
    rejectable.reject = (error) => {
      original(error);
      reject(error);
    };
  });
  const finished = new Promise<void>((resolve, reject) => {
    stream.once("error", reject);
    stream.once("finish", resolve);
  });
  const sent = (async () => {
    for (const chunk of copy.chunks) if (!stream.write(chunk)) await once(stream, "drain");
    stream.end();
  })();
  await Promise.race([Promise.all([sent, finished]), refused]);
  return Object.assign([], { command: "COPY", count: copy.rowCount });
}

/** A PGlite whose query() runs a CopyRows statement as COPY FROM '/dev/blob'; everything else passes through. */
export function copyAwarePglite(pglite: PGlite): PGlite {
  const query = async (sqlText: string, parameters?: unknown[], options?: Parameters<PGlite["query"]>[2]): Promise<Results<unknown>> => {
    const copy = copyRowsIn(parameters);
    if (!copy) return pglite.query(sqlText, parameters, options);
    return pglite.query(copy.statement("'/dev/blob'"), [], { ...options, blob: new Blob([...copy.chunks]) });
  };
  // A Proxy rather than a subclass: PGlite's methods keep running on the real instance.
  return new Proxy(pglite, {
    get(target, property) {
      if (property === "query") return query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
