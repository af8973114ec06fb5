import { sql, type Kysely } from "kysely";

// The tamper-evident ledger (issue 24; docs/ledger-format.md, ADR 0011). A run's audit events are
// chained once the run has finished, by the collector in the background:
// - ledger_chains: each run's current chain (every link and every event digest, 32 bytes each),
//   `stale` when events arrived since it was sealed;
// - ledger_seals: every seal of a run, the first and each recomputation for late events, with the
//   checkpoint that signed it and its leaf there;
// - ledger_checkpoints: per tenant, a signed Merkle root over the heads sealed in a period, with
//   every leaf (so retention removing one run's seal leaves the others' proofs intact);
// - audit_keys: every public key that ever signed (installation-wide), so old checkpoints verify
//   after a rotation;
// - ledger_watermarks: per tenant, the audit event id up to which new events were looked at.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ledger_chains (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      stale boolean not null default true,
      seal int4 not null default 0,
      event_count int4 not null default 0,
      links bytea,
      digests bytea,
      head text,
      sealed_at timestamptz,
      broken text,
      constraint ledger_chains_pkey primary key (tenant_id, run_id)
    )`.execute(db);
  await sql`create index ledger_chains_stale_idx on ledger_chains (tenant_id, run_id) where stale`.execute(db);
  await sql`
    create table ledger_checkpoints (
      id int8 generated always as identity,
      tenant_id text not null references tenants (id) on delete cascade,
      created_at timestamptz not null,
      root text not null,
      leaf_count int4 not null,
      leaves bytea not null,
      key_id text not null,
      signature text not null,
      constraint ledger_checkpoints_pkey primary key (tenant_id, id)
    )`.execute(db);
  await sql`
    create table ledger_seals (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      seal int4 not null,
      event_count int4 not null,
      head text not null,
      reason text not null,
      sealed_at timestamptz not null default now(),
      checkpoint_id int8,
      leaf_index int4,
      constraint ledger_seals_pkey primary key (tenant_id, run_id, seal)
    )`.execute(db);
  await sql`create index ledger_seals_unsigned_idx on ledger_seals (tenant_id, run_id, seal) where checkpoint_id is null`.execute(db);
  await sql`
    create table audit_keys (
      key_id text primary key,
      algorithm text not null default 'Ed25519',
      public_key text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table ledger_watermarks (
      tenant_id text not null references tenants (id) on delete cascade,
      audit_event_id int8 not null,
      constraint ledger_watermarks_pkey primary key (tenant_id)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["ledger_watermarks", "audit_keys", "ledger_seals", "ledger_checkpoints", "ledger_chains"]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
