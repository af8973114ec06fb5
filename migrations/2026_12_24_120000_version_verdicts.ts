import { sql, type Kysely } from "kysely";

// Version verdicts (issue 22): whether a logic id regressed against the one before it in the
// same deployment, computed in the background (collector/verdicts) and read by the workload
// pages. One row per (workload, deployment, logic id); `inputs` names what it was computed from
// (both sides' finished-run counts and latest change, and the settings), so a pass recomputes
// only the verdicts whose runs moved. Deployment '' holds runs that named none.
// job_leases lets one collector of several run a background job: a lease is held until it
// expires unless renewed, so a collector that dies hands the job on within one lease.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table version_verdicts (
      tenant_id text not null references tenants (id) on delete cascade,
      workload_name text not null,
      deployment_key text not null,
      logic_id text not null,
      baseline_logic_id text,
      status text not null check (status in ('regressed', 'improved', 'unchanged', 'too_few_runs', 'no_baseline')),
      headline text not null,
      run_count int4 not null,
      baseline_run_count int4 not null,
      evidence jsonb not null,
      inputs text not null,
      computed_at timestamptz not null default now(),
      constraint version_verdicts_pkey primary key (tenant_id, workload_name, deployment_key, logic_id)
    )`.execute(db);
  await sql`
    create table job_leases (
      job text primary key,
      holder text not null,
      expires_at timestamptz not null
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table job_leases`.execute(db);
  await sql`drop table version_verdicts`.execute(db);
}
