import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

/**
 * Recomputes usage and cost per (run, model) for the given runs, counting usage once (spans
 * whose usage an enclosing span repeats are left out, as in every roll-up). The costs page splits
 * spend by model from these rows. Callers hold the runs' locks and have recomputed the runs first
 * (workload, version, deployment and start come from them).
 */
export async function recomputeRunModels(db: Kysely<DB> | Transaction<DB>, tenantId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  // Joinless, as in run-nodes.ts: each run's columns reach its model rows by a window over one
  // stream, so a run with thousands of distinct model names costs a sort, not a nested loop.
  await sql`
    with models as (
      select s.run_id, coalesce(s.model_vendor, '') as model_vendor, coalesce(s.model_name, '') as model_name,
        count(*)::int as calls, coalesce(sum(s.input_tokens), 0)::int8 as input_tokens,
        coalesce(sum(s.output_tokens), 0)::int8 as output_tokens, coalesce(sum(s.cost_usd), 0) as cost_usd
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[]) and s.counts_usage
        and (s.cost_usd is not null or s.input_tokens is not null or s.output_tokens is not null)
      group by 1, 2, 3
    ),
    stream as (
      select run_id, model_vendor, model_name, calls, input_tokens, output_tokens, cost_usd,
        null::text as workload_name, null::text as logic_id, null::text as deployment_id, null::int8 as run_start
      from models
      union all
      select run_id, null, null, null, null, null, null, workload_name, workload_logic_id, deployment_id, start_time_unix_nano
      from runs where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])
    ),
    folded as (
      select st.*,
        max(workload_name) over (partition by run_id) as run_workload_name,
        max(logic_id) over (partition by run_id) as run_logic_id,
        max(deployment_id) over (partition by run_id) as run_deployment_id,
        max(run_start) over (partition by run_id) as run_start_ns
      from stream st
    )
    insert into run_models (tenant_id, run_id, model_vendor, model_name, workload_name, logic_id, deployment_id,
      run_start_unix_nano, calls, input_tokens, output_tokens, cost_usd)
    select ${tenantId}, f.run_id, f.model_vendor, f.model_name, f.run_workload_name, f.run_logic_id, f.run_deployment_id,
      f.run_start_ns, f.calls, f.input_tokens, f.output_tokens, f.cost_usd
    from folded f
    where f.model_name is not null and f.run_start_ns is not null
    on conflict (tenant_id, run_id, model_vendor, model_name) do update set
      workload_name = excluded.workload_name, logic_id = excluded.logic_id, deployment_id = excluded.deployment_id,
      run_start_unix_nano = excluded.run_start_unix_nano, calls = excluded.calls, input_tokens = excluded.input_tokens,
      output_tokens = excluded.output_tokens, cost_usd = excluded.cost_usd`.execute(db);
}
