import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RetryInputs } from "@/collector/store/run-fold";

/**
 * The retry figures of runs (run-fold.ts RetryInputs), from their DAG roll-ups as folded so far,
 * node by node: a node is retried when its activations failed, its last one (across its spec
 * ids, by start, attempt, failed) did not, and the ledger counts no more of its failures than its
 * spans do; failing when its last activation failed or the ledger counts more. Errors of spans
 * that belong to no node (no node name, and no node's spec id) count as one failing node: no
 * attempt retried them. Reads a row per node and event group of each run, not its spans; callers
 * ask only for runs that have errors.
 */
export async function readRetries(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<Map<string, RetryInputs>> {
  if (runIds.length === 0) return new Map();
  const { rows } = await sql<{ run_id: string; retried_nodes: string; failing_nodes: string; stray_errors: string }>`
    with span_nodes as (
      select run_id, node_name as node, sum(failed_activations) as failed,
        (array_agg(last_failed order by last_start_ns desc nulls last, last_attempt desc, last_failed desc))[1] as last_failed
      from run_span_groups
      where tenant_id = ${tenantId} and run_id = any(${runIds}::text[]) and node_name is not null
      group by run_id, node_name
    ),
    ledger_nodes as (
      select run_id, coalesce(nullif(source_node, '__entry__'), nullif(target_node, '__entry__')) as node, sum(count) as failed
      from run_ledger_groups
      where tenant_id = ${tenantId} and run_id = any(${runIds}::text[]) and event_type = 'node_failed'
      group by 1, 2
    ),
    stray as (
      select g.run_id, sum(g.error_count) as errors
      from run_span_groups g
      where g.tenant_id = ${tenantId} and g.run_id = any(${runIds}::text[]) and g.node_name is null and g.error_count > 0
        and (g.nodespec_id is null or not exists (
          select 1 from run_span_groups n
          where n.tenant_id = g.tenant_id and n.run_id = g.run_id and n.node_name is not null and n.nodespec_id = g.nodespec_id))
      group by g.run_id
    ),
    per_node as (
      select coalesce(s.run_id, l.run_id) as run_id, coalesce(s.failed, 0) as failed, coalesce(s.last_failed, false) as last_failed,
        coalesce(l.failed, 0) as ledger_failed
      from span_nodes s full join ledger_nodes l on l.run_id = s.run_id and l.node is not distinct from s.node
    )
    select p.run_id,
      count(*) filter (where p.failed > 0 and not p.last_failed and p.ledger_failed <= p.failed) as retried_nodes,
      count(*) filter (where p.last_failed or p.ledger_failed > p.failed) as failing_nodes,
      coalesce(max(st.errors), 0) as stray_errors
    from per_node p left join stray st on st.run_id = p.run_id
    group by p.run_id`.execute(trx);
  return new Map(
    rows.map((row) => [row.run_id, { retriedNodes: Number(row.retried_nodes), failingNodes: Number(row.failing_nodes) + (Number(row.stray_errors) > 0 ? 1 : 0) }]),
  );
}
