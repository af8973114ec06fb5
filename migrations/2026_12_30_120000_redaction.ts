import { sql, type Kysely } from "kysely";

// Redaction at ingest (issue 25): a tenant's rules (detectors and custom patterns, each with an
// action) applied before anything is stored, and the key its hashed values are made with (kept
// here, never in telemetry). Each span counts the values redacted in it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table redaction_settings (
      tenant_id text not null references tenants (id) on delete cascade,
      rules jsonb not null default '[]'::jsonb,
      hash_key bytea not null,
      updated_at timestamptz not null default now(),
      constraint redaction_settings_pkey primary key (tenant_id)
    )`.execute(db);
  await sql`alter table spans add column redacted_count integer not null default 0 check (redacted_count >= 0)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table spans drop column redacted_count`.execute(db);
  await sql`drop table redaction_settings`.execute(db);
}
