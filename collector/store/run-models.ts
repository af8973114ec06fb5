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
  await sql`
    insert into run_models (tenant_id, run_id, model_vendor, model_name, workload_name, logic_id, deployment_id,
      run_start_unix_nano, calls, input_tokens, output_tokens, cost_usd)
    select ${tenantId}, r.run_id, m.model_vendor, m.model_name, r.workload_name, r.workload_logic_id, r.deployment_id,
      r.start_time_unix_nano, m.calls, m.input_tokens, m.output_tokens, m.cost_usd
    from (
      select s.run_id, coalesce(s.model_vendor, '') as model_vendor, coalesce(s.model_name, '') as model_name,
        count(*)::int as calls, coalesce(sum(s.input_tokens), 0)::int8 as input_tokens,
        coalesce(sum(s.output_tokens), 0)::int8 as output_tokens, coalesce(sum(s.cost_usd), 0) as cost_usd
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[]) and s.counts_usage
        and (s.cost_usd is not null or s.input_tokens is not null or s.output_tokens is not null)
      group by 1, 2, 3
    ) m
    join runs r on r.tenant_id = ${tenantId} and r.run_id = m.run_id
    on conflict (tenant_id, run_id, model_vendor, model_name) do update set
      workload_name = excluded.workload_name, logic_id = excluded.logic_id, deployment_id = excluded.deployment_id,
      run_start_unix_nano = excluded.run_start_unix_nano, calls = excluded.calls, input_tokens = excluded.input_tokens,
      output_tokens = excluded.output_tokens, cost_usd = excluded.cost_usd`.execute(db);
}
