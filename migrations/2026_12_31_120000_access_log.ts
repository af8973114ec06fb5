import { sql, type Kysely } from "kysely";

// The access audit log (issue 25, ADR 0013): who signed in, changed keys, prices, rules and
// settings, and exported run data. Append-only: a trigger refuses UPDATE, TRUNCATE and DELETE,
// except a DELETE of rows older than 30 days inside a transaction that set
// `codon.access_log_expiring` (retention's path). Each tenant's rows form a hash chain in `seq`
// order: `hash` = SHA-256(`prev_hash` ‖ the row's canonical content), computed by the writer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table access_log (
      tenant_id text not null references tenants (id),
      seq int8 not null check (seq > 0),
      occurred_at timestamptz not null,
      actor_kind text not null check (actor_kind in ('key', 'session', 'anonymous')),
      actor_key_id text check (length(actor_key_id) <= 32),
      actor_label text check (length(actor_label) <= 64),
      action text not null check (length(action) <= 64),
      target_kind text check (length(target_kind) <= 32),
      target_id text check (length(target_id) <= 200),
      outcome text not null check (outcome in ('ok', 'denied', 'failed')),
      client_ip text check (length(client_ip) <= 64),
      user_agent text check (length(user_agent) <= 256),
      details jsonb not null default '{}'::jsonb check (octet_length(details::text) <= 2048),
      prev_hash bytea not null check (length(prev_hash) = 32),
      hash bytea not null check (length(hash) = 32),
      constraint access_log_pkey primary key (tenant_id, seq)
    )`.execute(db);
  await sql`create index access_log_time_idx on access_log (tenant_id, occurred_at)`.execute(db);
  await sql`
    create function access_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('codon.access_log_expiring', true) = 'on'
         and old.occurred_at < now() - interval '30 days' then
        return old;
      end if;
      raise exception 'access_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger access_log_append_only before update or delete on access_log
    for each row execute function access_log_append_only()`.execute(db);
  await sql`
    create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_append_only()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table access_log`.execute(db);
  await sql`drop function access_log_append_only()`.execute(db);
}
