import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import { DAG_ROLLUP_TABLES } from "@/collector/store/dag-rollups";
import { FOLD_EVENT_COLUMNS, FOLD_SPAN_COLUMNS, type FoldEvent, type FoldSpan } from "@/collector/store/fold-rows";
import { RUN_FIGURES_FROM_EXCLUDED } from "@/collector/store/run-aggregates";
import { aggregateOf, storedInputs, type RunAggregate, type RunColumns } from "@/collector/store/run-fold";

/** A run as stored before this batch: its aggregate (null: never folded) and the version it counted in. */
export interface StoredRun {
  aggregate: RunAggregate | null;
  workloadName: string | null;
  logicId: string | null;
  startNs: string;
  deploymentId: string | null;
}

/** The stored rows of the given runs, by run id (runs not stored yet are absent). */
export async function readRuns(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<Map<string, StoredRun>> {
  if (runIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom("runs")
    .select([
      "run_id", "trace_id", "start_time_unix_nano", "end_time_unix_nano", "span_count", "input_tokens", "output_tokens",
      "total_tokens", "cost_usd", "aggregate_inputs", "service_name", "workload_id", "workload_name", "workload_version", "workload_logic_id", "deployment_id",
    ])
    .where("tenant_id", "=", tenantId)
    .where(sql<boolean>`run_id = any(${runIds}::text[])`)
    .execute();
  return new Map(
    rows.map((row) => [
      row.run_id,
      { aggregate: aggregateOf(row), workloadName: row.workload_name, logicId: row.workload_logic_id, startNs: row.start_time_unix_nano, deploymentId: row.deployment_id },
    ]),
  );
}

/**
 * Every stored row of runs that were never folded (stored before folds existed), to fold them
 * whole once; their derived rows are removed first, as the fold writes them afresh.
 */
export async function readWholeRuns(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<{ spans: FoldSpan[]; events: FoldEvent[] }> {
  if (runIds.length === 0) return { spans: [], events: [] };
  for (const table of ["run_nodes", "run_models", "run_call_usage", "run_ledger_nodes", ...DAG_ROLLUP_TABLES] as const) {
    await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])`.execute(trx);
  }
  const spans = await sql<FoldSpan>`select ${FOLD_SPAN_COLUMNS} from spans where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])`.execute(trx);
  const events = await sql<FoldEvent>`select ${FOLD_EVENT_COLUMNS} from audit_events where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])`.execute(trx);
  return { spans: spans.rows, events: events.rows };
}

export interface FoldedRun {
  runId: string;
  aggregate: RunAggregate;
  columns: RunColumns;
}

/** Writes the runs rows whole (the fold already holds every figure). */
export async function writeRuns(trx: Transaction<DB>, tenantId: string, runs: readonly FoldedRun[]): Promise<void> {
  if (runs.length === 0) return;
  const rows = runs.map((run) => ({ ...run.columns, run_id: run.runId, aggregate_inputs: storedInputs(run.aggregate) }));
  await sql`
    insert into runs (tenant_id, run_id, trace_id, service_name, workload_id, workload_name, workload_version,
      workload_logic_id, deployment_id, status, start_time_unix_nano, end_time_unix_nano, duration_ns, span_count,
      node_count, error_count, input_tokens, output_tokens, total_tokens, cost_usd, error_message, retried, aggregate_inputs,
      last_span_received_at, updated_at)
    select ${tenantId}, r.run_id, r.trace_id, r.service_name, r.workload_id, r.workload_name, r.workload_version,
      r.workload_logic_id, r.deployment_id, r.status, r.start_time_unix_nano, r.end_time_unix_nano, r.duration_ns, r.span_count,
      r.node_count, r.error_count, r.input_tokens, r.output_tokens, r.total_tokens, r.cost_usd, r.error_message, r.retried, r.aggregate_inputs,
      now(), now()
    from json_populate_recordset(null::runs, ${JSON.stringify(rows)}::text::json) as r
    on conflict (tenant_id, run_id) do update set ${RUN_FIGURES_FROM_EXCLUDED}, aggregate_inputs = excluded.aggregate_inputs`.execute(trx);
}
