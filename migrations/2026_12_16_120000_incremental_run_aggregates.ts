import { sql, type Kysely } from "kysely";

// Ingest folds each batch's new rows into the run roll-ups instead of rereading the run:
// - runs.aggregate_inputs: what the run's figures are derived from and no column holds (first
//   values by start time, error and ledger counters, status inputs). Null for runs stored before
//   this migration: the collector folds such a run from all its rows once, when it next grows.
// - run_nodes keeps a log-bucketed duration sketch (bins, counts) instead of every duration, and
//   the exact shortest and longest (a quantile never leaves them; equal durations read exactly).
// - run_call_usage: usage of LLM calls made inside a node (no node name, the node's spec id), per
//   run and spec, so a node that arrives after its calls still counts them.
// - run_ledger_nodes: the distinct ledger target nodes of a run, so the node count stays exact.
// The sketch bins are computed as lib/stats/duration-sketch.ts does (1% relative accuracy).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table runs add column aggregate_inputs jsonb`.execute(db);

  await sql`alter table run_nodes add column duration_bins int4[] not null default '{}', add column duration_counts int4[] not null default '{}',
    add column duration_min_ns int8, add column duration_max_ns int8`.execute(db);
  await sql`
    update run_nodes n set duration_min_ns = d.min_ns, duration_max_ns = d.max_ns
    from (select tenant_id, run_id, node_name, min(x) as min_ns, max(x) as max_ns
          from run_nodes cross join lateral unnest(durations_ns) as u(x) group by 1, 2, 3) d
    where n.tenant_id = d.tenant_id and n.run_id = d.run_id and n.node_name = d.node_name`.execute(db);
  await sql`
    with binned as (
      select n.tenant_id, n.run_id, n.node_name,
        case when d.duration_ns <= 0 then 0 else greatest(1, ceil(ln(d.duration_ns::float8) / ln(1.01 / 0.99))::int4) end as bin
      from run_nodes n cross join lateral unnest(n.durations_ns) as d(duration_ns)
    ),
    counted as (
      select tenant_id, run_id, node_name, bin, count(*)::int4 as count from binned group by 1, 2, 3, 4
    ),
    sketches as (
      select tenant_id, run_id, node_name, array_agg(bin order by bin) as bins, array_agg(count order by bin) as counts
      from counted group by 1, 2, 3
    )
    update run_nodes n set duration_bins = s.bins, duration_counts = s.counts
    from sketches s
    where n.tenant_id = s.tenant_id and n.run_id = s.run_id and n.node_name = s.node_name`.execute(db);
  await sql`alter table run_nodes drop column durations_ns`.execute(db);

  await sql`
    create table run_call_usage (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      nodespec_id text not null,
      tokens int8 not null default 0,
      cost_usd numeric(20, 10) not null default 0,
      constraint run_call_usage_pkey primary key (tenant_id, run_id, nodespec_id)
    )`.execute(db);
  await sql`
    create table run_ledger_nodes (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      node_name text not null,
      constraint run_ledger_nodes_pkey primary key (tenant_id, run_id, node_name)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table run_ledger_nodes`.execute(db);
  await sql`drop table run_call_usage`.execute(db);
  // Each bin's value stands for its members: durations come back within 1% of what they were.
  await sql`alter table run_nodes add column durations_ns int8[] not null default '{}'`.execute(db);
  await sql`
    update run_nodes n set durations_ns = coalesce((
      select array_agg(case when b.bin = 0 then 0 else round(2 * power(1.01 / 0.99, b.bin) / (1.01 / 0.99 + 1))::int8 end)
      from unnest(n.duration_bins, n.duration_counts) as b(bin, count) cross join generate_series(1, b.count)), '{}')`.execute(db);
  await sql`alter table run_nodes drop column duration_bins, drop column duration_counts, drop column duration_min_ns, drop column duration_max_ns`.execute(db);
  await sql`alter table runs drop column aggregate_inputs`.execute(db);
}
