import { sql, type Kysely } from "kysely";

// Scores (issue 23): quality judgements on a run or on one node activation (span) of it, from
// telemetry (the GenAI evaluation event), the API or the dashboard's feedback form. The key is the
// tenant and a score id: a client-given id, or for telemetry a digest of the event, so sending
// the same score again stores nothing new. Scores name their run by id and are joined to runs at
// read time: a score may arrive before its run's spans. `pending_trace`: a log record that named
// only its trace, whose spans were not stored yet; the collector resolves it to the run later.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table scores (
      tenant_id text not null references tenants (id) on delete cascade,
      score_id text not null,
      run_id text not null,
      trace_id text,
      span_id text,
      name text not null,
      data_type text not null check (data_type in ('numeric', 'boolean', 'categorical')),
      value float8,
      label text,
      comment text,
      source text not null check (source in ('telemetry', 'api', 'ui')),
      author text,
      time_unix_nano int8 not null,
      pending_trace boolean not null default false,
      created_at timestamptz not null default now(),
      constraint scores_pkey primary key (tenant_id, score_id),
      constraint scores_value_check check (data_type = 'categorical' or value is not null),
      constraint scores_label_check check (data_type <> 'categorical' or label is not null)
    )`.execute(db);
  await sql`create index scores_run_idx on scores (tenant_id, run_id, name)`.execute(db);
  await sql`create index scores_pending_idx on scores (tenant_id, trace_id) where pending_trace`.execute(db);
  // The verdict job's "which workloads gained scores since the last pass".
  await sql`create index scores_created_idx on scores (created_at)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table scores`.execute(db);
}
