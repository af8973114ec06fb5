import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import type { FoldEvent, FoldSpan } from "@/collector/store/fold-rows";
import { LEDGER_GROUP_FIGURES, SPAN_GROUP_FIGURES, SPAN_GROUP_KEY } from "@/lib/runs/queries/dag-group-sql";

// The run DAG's roll-ups (migration 2026_12_17_120000_dag_rollups): spans per (run, node name,
// or spec id for spans without a node name) and audit events per (run, type, source, target). The database groups a batch's new
// rows (its max(), sums and text order, as the whole-run read had them) and merges each group into
// the stored one: counts and sums add, min/max keep, the first error is the smaller (time, text).

const ROWS_PER_STATEMENT = 5000;

/** The span groups of `source` (spans, or a batch's rows with the same column names). */
const spanGroups = (tenantId: string, source: RawBuilder<unknown>) => sql`
  select ${tenantId} as tenant_id, run_id, node_name, ${SPAN_GROUP_FIGURES}
  from ${source}
  group by run_id, ${SPAN_GROUP_KEY}`;

const ledgerGroups = (tenantId: string, source: RawBuilder<unknown>) => sql`
  select ${tenantId} as tenant_id, run_id, event_type, source_node, target_node, ${LEDGER_GROUP_FIGURES}
  from ${source}
  group by run_id, event_type, source_node, target_node`;

const SPAN_GROUP_COLUMNS = sql.raw(
  "tenant_id, run_id, node_name, nodespec_id, role, service_name, activations, first_start_ns, last_end_ns, duration_ns, input_tokens, output_tokens, cost_usd, error_count, error_start_ns, error_message, failed_activations, last_attempt, last_start_ns, last_failed",
);
const LEDGER_GROUP_COLUMNS = sql.raw("tenant_id, run_id, event_type, source_node, target_node, count, error_time_ns, error_message");

/** The span columns the span groups read (SPAN_GROUP_FIGURES and SPAN_GROUP_KEY), in a source's rows. */
export const SPAN_GROUP_SOURCE_COLUMNS = [
  "run_id", "name", "node_name", "nodespec_id", "node_role", "service_name", "status_code", "status_message", "start_time_unix_nano",
  "end_time_unix_nano", "duration_ns", "counts_usage", "input_tokens", "output_tokens", "cost_usd", "attempt",
] as const;

/** Spans already in a temporary table (the ones a batch added, insert-spans.ts), but those of some runs. */
export interface StagedSpans {
  table: string;
  exceptRuns: readonly string[];
}

/**
 * Folds a batch's new spans and events (or a whole run's, once) into the runs' DAG roll-ups: the
 * spans of `staged` read where they are (no round trip through JavaScript and JSON), and `spans`
 * sent as JSON. Callers hold the runs' locks.
 */
export async function foldDagRollups(trx: Transaction<DB>, tenantId: string, spans: readonly FoldSpan[], events: readonly FoldEvent[], staged?: StagedSpans): Promise<void> {
  if (staged) {
    await foldSpanGroups(trx, tenantId, sql`(select * from ${sql.raw(staged.table)} where tenant_id = ${tenantId} and not (run_id = any(${[...staged.exceptRuns]}::text[]))) as r`);
  }
  for (let i = 0; i < spans.length; i += ROWS_PER_STATEMENT) {
    const rows = spans.slice(i, i + ROWS_PER_STATEMENT);
    await foldSpanGroups(
      trx,
      tenantId,
      sql`json_to_recordset(${JSON.stringify(rows)}::text::json) as r(run_id text, name text, node_name text,
        nodespec_id text, node_role text, service_name text, status_code text, status_message text, start_time_unix_nano int8, end_time_unix_nano int8,
        duration_ns int8, counts_usage boolean, input_tokens int8, output_tokens int8, cost_usd numeric, attempt int4)`,
    );
  }
  for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
    const rows = events.slice(i, i + ROWS_PER_STATEMENT);
    const source = sql`json_to_recordset(${JSON.stringify(rows)}::text::json) as r(run_id text, time_unix_nano int8, event_type text,
      source_node text, target_node text, error text)`;
    await sql`
      insert into run_ledger_groups as g (${LEDGER_GROUP_COLUMNS}) ${ledgerGroups(tenantId, source)}
      on conflict (tenant_id, run_id, event_type, source_node, target_node) do update set
        count = g.count + excluded.count,
        error_time_ns = least(g.error_time_ns, excluded.error_time_ns),
        error_message = case when ${firstIsNew(sql`error_time_ns`, sql`error_message`)} then excluded.error_message else g.error_message end`.execute(trx);
  }
}

/** Merges the span groups of `source` (rows with SPAN_GROUP_SOURCE_COLUMNS, as `r`) into the stored ones. */
async function foldSpanGroups(trx: Transaction<DB>, tenantId: string, source: RawBuilder<unknown>): Promise<void> {
  await sql`
    insert into run_span_groups as g (${SPAN_GROUP_COLUMNS}) ${spanGroups(tenantId, source)}
    on conflict (tenant_id, run_id, ${SPAN_GROUP_KEY}) do update set
      nodespec_id = least(g.nodespec_id, excluded.nodespec_id),
      role = greatest(g.role, excluded.role),
      service_name = greatest(g.service_name, excluded.service_name),
      activations = g.activations + excluded.activations,
      first_start_ns = least(g.first_start_ns, excluded.first_start_ns),
      last_end_ns = greatest(g.last_end_ns, excluded.last_end_ns),
      duration_ns = g.duration_ns + excluded.duration_ns,
      input_tokens = g.input_tokens + excluded.input_tokens,
      output_tokens = g.output_tokens + excluded.output_tokens,
      cost_usd = g.cost_usd + excluded.cost_usd,
      error_count = g.error_count + excluded.error_count,
      error_start_ns = least(g.error_start_ns, excluded.error_start_ns),
      error_message = case when ${firstIsNew(sql`error_start_ns`, sql`error_message`)} then excluded.error_message else g.error_message end,
      failed_activations = g.failed_activations + excluded.failed_activations,
      last_attempt = case when ${LAST_IS_NEW} then excluded.last_attempt else g.last_attempt end,
      last_start_ns = case when ${LAST_IS_NEW} then excluded.last_start_ns else g.last_start_ns end,
      last_failed = case when ${LAST_IS_NEW} then excluded.last_failed else g.last_failed end`.execute(trx);
}

/** The batch's last activation comes after the stored one by (start, attempt, failed), the order dag-group-sql.ts takes the last by. */
const LAST_IS_NEW = sql`excluded.last_start_ns is not null and (g.last_start_ns is null
  or (excluded.last_start_ns, excluded.last_attempt, excluded.last_failed) > (g.last_start_ns, g.last_attempt, g.last_failed))`;

/** The batch's first error comes before the stored one by (time, text nulls last), as array_agg orders them. */
const firstIsNew = (time: RawBuilder<unknown>, text: RawBuilder<unknown>) => sql`
  excluded.${time} is not null and (g.${time} is null
    or (excluded.${time}, excluded.${text} is null, coalesce(excluded.${text}, '')) < (g.${time}, g.${text} is null, coalesce(g.${text}, '')))`;

/** Recomputes the runs' DAG roll-ups from all their rows (repricing changes span costs). Callers hold the runs' locks. */
export async function recomputeDagRollups(db: Kysely<DB> | Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await deleteDagRollups(db, tenantId, runIds);
  const ofRuns = (table: string) => sql`${sql.table(table)} where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])`;
  await sql`insert into run_span_groups (${SPAN_GROUP_COLUMNS}) ${spanGroups(tenantId, ofRuns("spans"))}`.execute(db);
  const events = sql`(select run_id, time_unix_nano, event_type, source_node, target_node,
    coalesce(metadata->>'error', metadata->>'error_message') as error from ${ofRuns("audit_events")}) as e`;
  await sql`insert into run_ledger_groups (${LEDGER_GROUP_COLUMNS}) ${ledgerGroups(tenantId, events)}`.execute(db);
}

/** The DAG roll-up tables, for whoever removes a run's derived rows (retention, whole-run folds). */
export const DAG_ROLLUP_TABLES = ["run_span_groups", "run_ledger_groups"] as const;

export async function deleteDagRollups(db: Kysely<DB> | Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<void> {
  for (const table of DAG_ROLLUP_TABLES) {
    await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])`.execute(db);
  }
}
