import { sql, type Kysely } from "kysely";

// The runs list filtered by status ("show me the failures") keeps its newest-first order
// without scanning every run of the tenant.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index runs_status_start_idx on runs (tenant_id, status, start_time_unix_nano desc, run_id desc)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists runs_status_start_idx`.execute(db);
}
