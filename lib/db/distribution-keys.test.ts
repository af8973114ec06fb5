import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import type { DB } from "@/lib/db/types";

// Keeps the path to a distributed PostgreSQL (Citus, distributed by tenant_id) open: docs/scaling.md.
// A distributed table's primary and unique keys must include the distribution column, its foreign
// keys to another distributed table must go through it, and it must never be NULL. Tables that
// cannot be distributed that way are listed below with why; a new table must be placed in one list
// or the other, and an exception that is fixed must leave the list.

/** Not distributed: Citus reference tables (a copy on every node) or coordinator-only tables. */
const NOT_DISTRIBUTED: Record<string, string> = {
  tenants: "reference: every tenant-scoped table's foreign key points at it; one row per tenant",
  api_keys: "reference: a request's key is looked up by its hash (unique key_hash) before its tenant is known",
  sessions: "reference: a session cookie is looked up by its hash before the tenant is known (a key's via api_keys; a user's switches tenant_id)",
  users: "reference: a person signs in by email before any tenant is known, and belongs to several tenants",
  user_identities: "reference: an SSO sign-in finds its user by (issuer, subject) before any tenant is known",
  invitations: "reference: an invitation link is looked up by its token's hash before the tenant is known; a handful of rows",
  reprice_jobs: "reference: the repricer claims the next job across tenants with FOR UPDATE SKIP LOCKED, which Citus runs only on one shard or a reference table; a few rows per price change",
  job_leases: "coordinator only: one row per background job (verdicts, alerts), taken by whichever collector holds it",
  audit_keys: "reference: the installation's signing keys (a handful), read to verify any tenant's checkpoints",
  kysely_migration: "coordinator only: migration bookkeeping (Citus propagates the DDL to the shards)",
  kysely_migration_lock: "coordinator only: the migration lock row",
};

/** Unique keys of distributed tables that lack tenant_id today: each must change before distributing. */
const KEY_EXCEPTIONS: Record<string, string> = {};

interface UniqueKey {
  table: string;
  index: string;
  columns: string[];
}
interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
}

async function catalog(db: Kysely<DB>) {
  const tables = await sql<{ table: string; tenant: "not null" | "null" | null }>`
    select c.relname as table,
      (select case when a.attnotnull then 'not null' else 'null' end from pg_attribute a
       where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(db);
  // Key columns only (indnkeyatts): an INCLUDE column does not make a key unique per tenant. Expression parts are null.
  const keys = await sql<UniqueKey>`
    select c.relname as table, i.relname as index,
      array(select a.attname from unnest(x.indkey[0:x.indnkeyatts - 1]) as k(attnum)
            left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum) as columns
    from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and x.indisunique order by 1, 2`.execute(db);
  const foreignKeys = await sql<ForeignKey>`
    select k.conrelid::regclass::text as table, k.conname as name, k.confrelid::regclass::text as references,
      array(select attname from unnest(k.conkey) with ordinality as u(attnum, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by i) as columns,
      array(select attname from unnest(k.confkey) with ordinality as u(attnum, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by i) as "referencedColumns"
    from pg_constraint k where k.contype = 'f' and k.connamespace = 'public'::regnamespace order by 1, 2`.execute(db);
  return { tables: tables.rows, keys: keys.rows, foreignKeys: foreignKeys.rows };
}

describe("every tenant-scoped table can be distributed by tenant_id", () => {
  let database: Database;
  let schema: Awaited<ReturnType<typeof catalog>>;
  const distributed = () => new Set(schema.tables.filter((t) => !(t.table in NOT_DISTRIBUTED)).map((t) => t.table));

  beforeAll(async () => {
    database = await openPglite();
    await migrateToLatest(database.kysely);
    schema = await catalog(database.kysely);
  });
  afterAll(() => database?.close());

  it("places every table: distributed (tenant_id NOT NULL) or listed as a reference table with a reason", () => {
    const names = schema.tables.map((t) => t.table);
    expect(Object.keys(NOT_DISTRIBUTED).filter((name) => !names.includes(name))).toEqual([]);
    const unplaced = schema.tables.filter((t) => !(t.table in NOT_DISTRIBUTED) && t.tenant !== "not null");
    expect(unplaced.map((t) => `${t.table} (tenant_id ${t.tenant ?? "missing"})`)).toEqual([]);
    expect(distributed().size).toBeGreaterThanOrEqual(8);
  });

  it("includes tenant_id in every primary and unique key of a distributed table, but for the listed exceptions", () => {
    const onDistributed = schema.keys.filter((key) => distributed().has(key.table));
    const missing = onDistributed.filter((key) => !key.columns.includes("tenant_id")).map((key) => key.index);
    expect(missing.sort()).toEqual(Object.keys(KEY_EXCEPTIONS).sort());
    // The check reads what it should: the spans key is the one ingest relies on.
    expect(onDistributed.find((key) => key.index === "spans_pkey")?.columns).toEqual(["tenant_id", "trace_id", "span_id"]);
  });

  it("joins distributed tables to each other through tenant_id, and reference tables never point at distributed ones", () => {
    const bad = schema.foreignKeys.filter((fk) => {
      const from = distributed().has(fk.table);
      const to = distributed().has(fk.references);
      if (!from) return to;
      if (!to) return false;
      const at = fk.columns.indexOf("tenant_id");
      return at < 0 || fk.referencedColumns[at] !== "tenant_id";
    });
    expect(bad.map((fk) => `${fk.table}.${fk.name} -> ${fk.references}`)).toEqual([]);
  });
});
