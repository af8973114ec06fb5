import { sql, type Kysely } from "kysely";

// Scoped keys and server-side dashboard sessions:
// - api_keys.scopes: what a key may do (`ingest`, `read`, `admin`). Keys made before scopes
//   existed could do everything, and nothing says what each is used for (an exporter, a script, a
//   person signing in), so they keep every scope: narrowing them here would lock someone out at
//   the upgrade. New keys default to `ingest`.
// - sessions: the dashboard's sign-in, an opaque random id of which only the SHA-256 is stored,
//   tied to the key it came from (revoking the key ends it; deleting the key deletes it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table api_keys add column scopes text[] not null default array['ingest', 'read', 'admin']::text[]`.execute(db);
  await sql`alter table api_keys alter column scopes set default array['ingest']::text[]`.execute(db);
  await sql`
    alter table api_keys add constraint api_keys_scopes_check
    check (cardinality(scopes) > 0 and scopes <@ array['ingest', 'read', 'admin']::text[])`.execute(db);

  await sql`
    create table sessions (
      id_hash text primary key,
      key_id bigint not null references api_keys (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_key_idx on sessions (key_id, created_at desc)`.execute(db);
  await sql`create index sessions_expires_idx on sessions (expires_at)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists sessions`.execute(db);
  await sql`alter table api_keys drop constraint if exists api_keys_scopes_check`.execute(db);
  await sql`alter table api_keys drop column if exists scopes`.execute(db);
}
