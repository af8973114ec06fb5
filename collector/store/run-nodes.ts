import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

/**
 * Recomputes the per-node roll-up of the given runs from their spans (repricing; ingest adds to
 * it batch by batch, node-store.ts): one row per (run, node) with a sketch of its activations'
 * durations, its errors, and its usage, the usage that LLM calls inside
 * the node report themselves (no node name, the node's nodespec id, counts_usage) folded in.
 * Version comparison reads these narrow rows instead of every wide span. Callers hold the runs'
 * locks and have recomputed the runs first (only nodes of a stored run get a row).
 *
 * Set-based and joinless on purpose: node rows, call sums and run rows go through one stream and
 * window sums attach the calls and the run to each node (sorts, O(N log N) whatever the plan).
 * With joins, spans written in this very transaction have no statistics, the planner expects one
 * row, and picked a nested loop that re-aggregated the run's calls once per node: 5,000 distinct
 * nodes took 8 s, 20,000 minutes.
 */
export async function recomputeRunNodes(db: Kysely<DB> | Transaction<DB>, tenantId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await sql`
    with binned as (
      -- Each activation's duration into its sketch bin (lib/stats/duration-sketch.ts binOf, in float8 as there).
      select s.run_id, s.node_name,
        case when s.duration_ns <= 0 then 0 else greatest(1, ceil(ln(s.duration_ns::float8) / ln(1.01::float8 / 0.99::float8))::int4) end as bin,
        max(s.nodespec_id) as nodespec_id, max(s.node_role) as role, count(*)::int as activations,
        min(s.duration_ns) as duration_min_ns, max(s.duration_ns) as duration_max_ns,
        (count(*) filter (where s.status_code = 'error'))::int as errors,
        coalesce(sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0)) filter (where s.counts_usage), 0)::int8 as tokens,
        coalesce(sum(s.cost_usd) filter (where s.counts_usage), 0) as cost_usd
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[]) and s.node_name is not null
      group by 1, 2, 3
    ),
    nodes as (
      select run_id, node_name, max(nodespec_id) as nodespec_id, max(role) as role, sum(activations)::int as activations,
        sum(errors)::int as errors,
        -- One bin (the shortest activation's): stored as none (lib/stats/duration-sketch.ts storedSketch).
        case when count(*) > 1 then array_agg(bin order by bin) end as duration_bins,
        case when count(*) > 1 then array_agg(activations order by bin) end as duration_counts,
        min(duration_min_ns) as duration_min_ns, max(duration_max_ns) as duration_max_ns,
        sum(tokens)::int8 as tokens, sum(cost_usd) as cost_usd
      from binned
      group by run_id, node_name
    ),
    calls as (
      select s.run_id, s.nodespec_id,
        sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0))::int8 as tokens,
        coalesce(sum(s.cost_usd), 0) as cost_usd
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[])
        and s.node_name is null and s.nodespec_id is not null and s.counts_usage
      group by s.run_id, s.nodespec_id
    ),
    stream as (
      select run_id, node_name, nodespec_id, role, activations, errors, duration_bins, duration_counts, duration_min_ns, duration_max_ns, tokens, cost_usd,
        null::int8 as call_tokens, null::numeric as call_cost, null::int8 as run_start
      from nodes
      union all
      select run_id, null, nodespec_id, null, null, null, null, null, null, null, null, null, tokens, cost_usd, null
      from calls
      union all
      select run_id, null, null, null, null, null, null, null, null, null, null, null, null, null, start_time_unix_nano
      from runs where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])
    ),
    folded as (
      select st.*,
        sum(call_tokens) over (partition by run_id, nodespec_id) as calls_tokens,
        sum(call_cost) over (partition by run_id, nodespec_id) as calls_cost,
        max(run_start) over (partition by run_id) as run_start_ns
      from stream st
    )
    insert into run_nodes (tenant_id, run_id, node_name, nodespec_id, role,
      activations, errors, duration_bins, duration_counts, duration_min_ns, duration_max_ns, tokens, cost_usd)
    select ${tenantId}, f.run_id, f.node_name, f.nodespec_id, f.role,
      f.activations, f.errors, f.duration_bins, f.duration_counts, f.duration_min_ns, f.duration_max_ns, f.tokens + coalesce(f.calls_tokens, 0), f.cost_usd + coalesce(f.calls_cost, 0)
    from folded f
    where f.node_name is not null and f.run_start_ns is not null
    on conflict (tenant_id, run_id, node_name) do update set
      nodespec_id = excluded.nodespec_id, role = excluded.role, activations = excluded.activations, errors = excluded.errors,
      duration_bins = excluded.duration_bins, duration_counts = excluded.duration_counts, duration_min_ns = excluded.duration_min_ns,
      duration_max_ns = excluded.duration_max_ns, tokens = excluded.tokens, cost_usd = excluded.cost_usd`.execute(db);
}
