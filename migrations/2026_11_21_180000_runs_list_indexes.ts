import { sql, type Kysely } from "kysely";

// The runs list's filters keep their newest-first order without scanning every run:
// status ("show me the failures"), and q= (a run id, its prefix, or a trace id).
// text_pattern_ops lets starts_with(run_id, q) use a range scan whatever the collation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index runs_status_start_idx on runs (tenant_id, status, start_time_unix_nano desc, run_id desc)`.execute(db);
  await sql`create index runs_run_id_prefix_idx on runs (tenant_id, run_id text_pattern_ops)`.execute(db);
  await sql`create index runs_trace_idx on runs (tenant_id, trace_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists runs_trace_idx`.execute(db);
  await sql`drop index if exists runs_run_id_prefix_idx`.execute(db);
  await sql`drop index if exists runs_status_start_idx`.execute(db);
}
