import { sql, type Kysely } from "kysely";

// Per (run, node) roll-up for version comparison: percentiles over a version's activations read
// these narrow rows (durations in an int8[]) instead of every wide span of its runs; the bench
// measured the span join at ~230 ms for 3,500 runs. The collector keeps it current with the runs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table run_nodes (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      node_name text not null,
      workload_name text,
      logic_id text,
      run_start_unix_nano int8 not null,
      nodespec_id text,
      role text,
      activations integer not null,
      errors integer not null,
      durations_ns int8[] not null,
      tokens int8 not null default 0,
      cost_usd numeric(20, 10) not null default 0,
      constraint run_nodes_pkey primary key (tenant_id, run_id, node_name)
    )`.execute(db);
  await sql`create index run_nodes_version_idx on run_nodes (tenant_id, workload_name, logic_id, run_start_unix_nano)`.execute(db);
  // Runs stored before this migration: the same roll-up, computed once (a frozen copy of the
  // collector's statement, as migrations never import app code).
  await sql`
    with nodes as (
      select s.tenant_id, s.run_id, s.node_name, max(s.nodespec_id) as nodespec_id, max(s.node_role) as role,
        count(*)::int as activations,
        (count(*) filter (where s.status_code = 'error'))::int as errors,
        array_agg(s.duration_ns order by s.start_time_unix_nano, s.span_id) as durations_ns,
        coalesce(sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0)) filter (where s.counts_usage), 0)::int8 as tokens,
        coalesce(sum(s.cost_usd) filter (where s.counts_usage), 0) as cost_usd
      from spans s
      where s.node_name is not null
      group by s.tenant_id, s.run_id, s.node_name
    ),
    calls as (
      select s.tenant_id, s.run_id, s.nodespec_id,
        sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0))::int8 as tokens,
        coalesce(sum(s.cost_usd), 0) as cost_usd
      from spans s
      where s.node_name is null and s.nodespec_id is not null and s.counts_usage
      group by s.tenant_id, s.run_id, s.nodespec_id
    )
    insert into run_nodes (tenant_id, run_id, node_name, workload_name, logic_id, run_start_unix_nano, nodespec_id, role,
      activations, errors, durations_ns, tokens, cost_usd)
    select n.tenant_id, n.run_id, n.node_name, r.workload_name, r.workload_logic_id, r.start_time_unix_nano, n.nodespec_id, n.role,
      n.activations, n.errors, n.durations_ns, n.tokens + coalesce(c.tokens, 0), n.cost_usd + coalesce(c.cost_usd, 0)
    from nodes n
    join runs r on r.tenant_id = n.tenant_id and r.run_id = n.run_id
    left join calls c on c.tenant_id = n.tenant_id and c.run_id = n.run_id and c.nodespec_id = n.nodespec_id`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists run_nodes`.execute(db);
}
