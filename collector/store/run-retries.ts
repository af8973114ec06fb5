import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RetryInputs } from "@/collector/store/run-fold";

/**
 * The retry figures of runs (run-fold.ts RetryInputs), from their DAG span groups as folded so
 * far: per named node, its failed activations and whether its last one failed. Reads a row per
 * node of each run, not its spans; callers ask only for runs that have errors.
 */
export async function readRetries(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<Map<string, RetryInputs>> {
  if (runIds.length === 0) return new Map();
  const { rows } = await sql<{ run_id: string; retried_nodes: string; retried_failures: string; failing_nodes: string }>`
    select run_id,
      count(*) filter (where failed > 0 and not last_failed) as retried_nodes,
      coalesce(sum(failed) filter (where failed > 0 and not last_failed), 0) as retried_failures,
      count(*) filter (where last_failed) as failing_nodes
    from (
      select run_id, node_name, sum(failed_activations) as failed, bool_or(last_failed) as last_failed
      from run_span_groups
      where tenant_id = ${tenantId} and run_id = any(${runIds}::text[]) and node_name is not null
      group by run_id, node_name) as nodes
    group by run_id`.execute(trx);
  return new Map(
    rows.map((row) => [row.run_id, { retriedNodes: Number(row.retried_nodes), retriedFailures: Number(row.retried_failures), failingNodes: Number(row.failing_nodes) }]),
  );
}
