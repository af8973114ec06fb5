import { sql, type Kysely } from "kysely";

// run_nodes stops repeating its run's workload, logic id and start: version reads join runs
// (runs_logic_start_idx, runs_workload_start_idx) for them instead. The copies and their index cost
// ~110 B per stored span in bench:ingest's shape (the 64-character logic id on every node row),
// and each move of a run's start or version rewrote all its node rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index run_nodes_version_idx`.execute(db);
  await sql`alter table run_nodes drop column workload_name, drop column logic_id, drop column run_start_unix_nano`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table run_nodes add column workload_name text, add column logic_id text, add column run_start_unix_nano int8`.execute(db);
  await sql`
    update run_nodes n set workload_name = r.workload_name, logic_id = r.workload_logic_id, run_start_unix_nano = r.start_time_unix_nano
    from runs r where r.tenant_id = n.tenant_id and r.run_id = n.run_id`.execute(db);
  // A node row whose run is gone (none should be) is dropped rather than left without a start.
  await sql`delete from run_nodes where run_start_unix_nano is null`.execute(db);
  await sql`alter table run_nodes alter column run_start_unix_nano set not null`.execute(db);
  await sql`create index run_nodes_version_idx on run_nodes (tenant_id, workload_name, logic_id, run_start_unix_nano)`.execute(db);
}
