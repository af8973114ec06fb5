import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

/**
 * Recomputes the per-node roll-up of the given runs from their spans: one row per (run, node)
 * with each activation's duration, its errors, and its usage, the usage that LLM calls inside
 * the node report themselves (no node name, the node's nodespec id, counts_usage) folded in.
 * Version comparison reads these narrow rows instead of every wide span. Callers hold the runs'
 * locks and have recomputed the runs first (workload, logic id and start come from them).
 */
export async function recomputeRunNodes(db: Kysely<DB> | Transaction<DB>, tenantId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await sql`
    with nodes as (
      select s.run_id, s.node_name, max(s.nodespec_id) as nodespec_id, max(s.node_role) as role,
        count(*)::int as activations,
        (count(*) filter (where s.status_code = 'error'))::int as errors,
        array_agg(s.duration_ns order by s.start_time_unix_nano, s.span_id) as durations_ns,
        coalesce(sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0)) filter (where s.counts_usage), 0)::int8 as tokens,
        coalesce(sum(s.cost_usd) filter (where s.counts_usage), 0) as cost_usd
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[]) and s.node_name is not null
      group by s.run_id, s.node_name
    ),
    calls as (
      select s.run_id, s.nodespec_id,
        sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0))::int8 as tokens,
        coalesce(sum(s.cost_usd), 0) as cost_usd
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[])
        and s.node_name is null and s.nodespec_id is not null and s.counts_usage
      group by s.run_id, s.nodespec_id
    )
    insert into run_nodes (tenant_id, run_id, node_name, workload_name, logic_id, run_start_unix_nano, nodespec_id, role,
      activations, errors, durations_ns, tokens, cost_usd)
    select ${tenantId}, n.run_id, n.node_name, r.workload_name, r.workload_logic_id, r.start_time_unix_nano, n.nodespec_id, n.role,
      n.activations, n.errors, n.durations_ns, n.tokens + coalesce(c.tokens, 0), n.cost_usd + coalesce(c.cost_usd, 0)
    from nodes n
    join runs r on r.tenant_id = ${tenantId} and r.run_id = n.run_id
    left join calls c on c.run_id = n.run_id and c.nodespec_id = n.nodespec_id
    on conflict (tenant_id, run_id, node_name) do update set
      workload_name = excluded.workload_name, logic_id = excluded.logic_id, run_start_unix_nano = excluded.run_start_unix_nano,
      nodespec_id = excluded.nodespec_id, role = excluded.role, activations = excluded.activations, errors = excluded.errors,
      durations_ns = excluded.durations_ns, tokens = excluded.tokens, cost_usd = excluded.cost_usd`.execute(db);
}
