/**
 * Bytes on disk per stored span: the span tables and the roll-ups kept beside them, each split
 * into its heap (main fork), TOAST (its table and index) and indexes, as PostgreSQL and PGlite
 * both report them. Sizes are of the relations' files as they stand: relation extension writes
 * the pages at once, so no CHECKPOINT is needed, and no VACUUM is run (dead row versions left by
 * the roll-ups' updates count, as they do on a live collector until autovacuum reclaims them).
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Database } from "@/lib/db/client";

const TABLES = [
  "spans", "audit_events", "log_records", "runs", "run_nodes", "run_models", "run_call_usage", "run_ledger_nodes", "run_span_groups", "run_ledger_groups",
] as const;

interface TableSize {
  table: string;
  heap: number;
  toast: number;
  indexes: number;
  /** Everything: heap, TOAST, indexes, and the free-space and visibility maps. */
  total: number;
}

export interface StorageSize {
  spans: number;
  auditEvents: number;
  tables: TableSize[];
  total: number;
}

export async function measureStorage(database: Database): Promise<StorageSize> {
  const { rows } = await sql<{ table: string; heap: string; toast: string; indexes: string; total: string }>`
    select c.relname as "table", pg_relation_size(c.oid) as heap,
      coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast,
      pg_indexes_size(c.oid) as indexes, pg_total_relation_size(c.oid) as total
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname = any(${[...TABLES]}::text[])`.execute(database.kysely);
  const tables = TABLES.map((table) => {
    const row = rows.find((r) => r.table === table);
    if (!row) throw new Error(`table ${table} not found`);
    return { table, heap: Number(row.heap), toast: Number(row.toast), indexes: Number(row.indexes), total: Number(row.total) };
  });
  const count = async (table: "spans" | "audit_events") =>
    Number((await database.kysely.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  return { spans: await count("spans"), auditEvents: await count("audit_events"), tables, total: tables.reduce((n, t) => n + t.total, 0) };
}

/** Bytes of every file under `dir`. */
export function folderBytes(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? folderBytes(full) : entry.isFile() ? fs.statSync(full).size : 0;
  }
  return bytes;
}

/** A PGlite data folder: its size, the part that is WAL, and bytes per span above `emptyBytes` (a fresh migrated folder) when given. */
export function formatPgliteFolder(folder: string, spans: number, emptyBytes: number | null): string {
  const total = folderBytes(folder);
  const walDir = path.join(folder, "pg_wal");
  const wal = fs.existsSync(walDir) ? folderBytes(walDir) : 0;
  const perSpan = Math.round((total - (emptyBytes ?? 0)) / spans).toLocaleString("en-US");
  return (
    `PGlite data folder: ${(total / 1e6).toFixed(1)} MB, of which WAL (pg_wal) ${(wal / 1e6).toFixed(1)} MB; ` +
    (emptyBytes === null ? `${perSpan} B per span` : `a fresh migrated folder is ${(emptyBytes / 1e6).toFixed(1)} MB: ${perSpan} B per span above it`)
  );
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1).padStart(9);

/** The per-table figures, then bytes per stored span and their ratio to the OTLP bytes sent. */
export function formatStorage(size: StorageSize, otlpBytesPerSpan: number | null): string[] {
  const perSpan = (bytes: number) => (size.spans ? Math.round(bytes / size.spans) : NaN).toLocaleString("en-US").padStart(8);
  const lines = ["table                heap MB   toast MB   index MB   total MB   B/span"];
  for (const t of size.tables) lines.push(`${t.table.padEnd(18)}${mb(t.heap)}  ${mb(t.toast)}  ${mb(t.indexes)}  ${mb(t.total)}  ${perSpan(t.total)}`);
  const sum = (key: "heap" | "toast" | "indexes") => size.tables.reduce((n, t) => n + t[key], 0);
  lines.push(`${"all".padEnd(18)}${mb(sum("heap"))}  ${mb(sum("toast"))}  ${mb(sum("indexes"))}  ${mb(size.total)}  ${perSpan(size.total)}`);
  const onDisk = size.total / size.spans;
  lines.push(
    `${size.spans.toLocaleString("en-US")} spans and ${size.auditEvents.toLocaleString("en-US")} audit events stored: ${Math.round(onDisk).toLocaleString("en-US")} B on disk per span` +
      (otlpBytesPerSpan === null ? "" : `, ${Math.round(otlpBytesPerSpan).toLocaleString("en-US")} B of OTLP protobuf per span sent: on disk / OTLP = ${(onDisk / otlpBytesPerSpan).toFixed(2)} (target ≤ 1.5)`),
  );
  return lines;
}
