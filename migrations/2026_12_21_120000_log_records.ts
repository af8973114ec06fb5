import { sql, type Kysely } from "kysely";

// Every OTLP log record (issue 21), not only the audit events among them. A record has no id on
// the wire, so its key is a digest of what it holds (collector/normalize/log-record.ts): a
// re-delivered export adds nothing. The digest covers the time, so the primary key can lead with
// the time: it keeps records unique and serves the newest-first list and retention, one index
// fewer to write per record. `run_key` is the record's (or its resource's)
// codon.workload.run_id, else its trace id: a run's records are those under its id or one of its
// trace ids, which reads find with one index. Records with neither are the service's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table log_records (
      tenant_id text not null references tenants (id) on delete cascade,
      record_key text not null,
      run_key text,
      time_unix_nano int8 not null,
      observed_time_unix_nano int8,
      severity_number int2 not null default 0,
      severity_text text,
      body text,
      body_is_json boolean not null default false,
      event_name text,
      trace_id text,
      span_id text,
      service_name text,
      scope_name text,
      scope_version text,
      attributes jsonb not null default '{}',
      resource_attributes jsonb not null default '{}',
      received_at timestamptz not null default now(),
      constraint log_records_pkey primary key (tenant_id, time_unix_nano, record_key)
    )`.execute(db);
  await sql`create index log_records_run_idx on log_records (tenant_id, run_key, time_unix_nano) where run_key is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table log_records`.execute(db);
}
