import { sql, type RawBuilder, type Transaction } from "kysely";
import type { DB, NewSpan } from "@/lib/db/types";
import { emptyStage, stageRows } from "@/lib/db/copy";
import { FOLD_SPAN_COLUMNS, FOLD_SPAN_JSON_COLUMNS, type FoldSpan } from "@/collector/store/fold-rows";
import { SPAN_GROUP_SOURCE_COLUMNS } from "@/collector/store/dag-rollups";

// Every column the normalizer fills; received_at takes its default. Columns with a NOT NULL
// default are coalesced, because the stage holds null where a span has no value.
const COLUMNS: (keyof NewSpan & string)[] = [
  "tenant_id", "trace_id", "span_id", "parent_span_id", "run_id", "name", "kind",
  "start_time_unix_nano", "end_time_unix_nano", "duration_ns", "status_code", "status_message",
  "service_name", "scope_name", "scope_version", "workload_id", "workload_name", "workload_version",
  "workload_logic_id", "deployment_id", "node_name", "node_role", "nodespec_id", "model_vendor",
  "model_name", "request_model", "input_tokens", "output_tokens", "total_tokens", "cache_read_tokens",
  "cache_write_tokens", "reasoning_tokens", "cost_usd", "cost_source", "counts_usage", "input_text", "output_text", "input_attribute", "output_attribute", "attributes", "column_attributes",
  "resource_attributes", "events", "links", "attempt", "redacted_count",
];
const DEFAULTS: Partial<Record<keyof NewSpan, string>> = {
  kind: "0",
  status_code: "'unset'",
  counts_usage: "true",
  column_attributes: "0",
  redacted_count: "0",
  attributes: "'{}'::jsonb",
  resource_attributes: "'{}'::jsonb",
  events: "'[]'::jsonb",
  links: "'[]'::jsonb",
};

const columnList = sql.join(COLUMNS.map((column) => sql.ref(column)));
const selectList = sql.join(
  COLUMNS.map((column) => (DEFAULTS[column] ? sql`coalesce(r.${sql.ref(column)}, ${sql.raw(DEFAULTS[column]!)})` : sql`r.${sql.ref(column)}`)),
);

/** The spans a batch added: as the roll-ups fold them, and kept in a temporary table for the folds done in SQL. */
export interface AddedSpans {
  rows: (FoldSpan & { tenant_id: string })[];
  /**
   * A temporary table (emptied at commit) holding the added spans' SPAN_GROUP_SOURCE_COLUMNS and
   * tenant id: the DAG's span groups fold from it, rather than from the rows sent back as JSON.
   */
  stage: string | null;
}

/**
 * Inserts spans by COPY into a temporary stage, then one insert from the stage that skips spans
 * already stored. COPY is the fastest way in on both backends; the stage is what lets it skip
 * re-delivered spans, which a COPY straight into `spans` would fail on. The same statement keeps
 * the spans it added in a second stage, and returns them as the roll-ups fold them: on PGlite
 * (`inProcess`) as one JSON text, since PGlite turns each value of each returned row into
 * JavaScript one by one, on the thread ingest runs on.
 */
export async function insertSpans(trx: Transaction<DB>, spans: NewSpan[], inProcess = false): Promise<AddedSpans> {
  if (spans.length === 0) return { rows: [], stage: null };
  const stage = await stageRows(trx, "spans", COLUMNS, spans);
  const added = await emptyStage(trx, "spans", ADDED_COLUMNS);
  // The added rows' int8 and numeric columns come back as text on PGlite (for its JSON): cast back as they are kept.
  const insert = (returned: RawBuilder<unknown>, read: RawBuilder<unknown>) => sql`
    with added as (
      insert into spans (${columnList})
      select ${selectList} from ${sql.raw(stage)} as r
      on conflict (tenant_id, trace_id, span_id) do nothing
      returning tenant_id, ${returned}),
    kept as (insert into ${sql.raw(added)} (${addedList}) select ${addedSelect} from added)
    ${read}`;
  if (!inProcess) return { rows: (await sql<FoldSpan & { tenant_id: string }>`${insert(FOLD_SPAN_COLUMNS, sql`select * from added`)}`.execute(trx)).rows, stage: added };
  const result = await sql<{ added: string }>`${insert(FOLD_SPAN_JSON_COLUMNS, sql`select coalesce(json_agg(added), '[]')::text as added from added`)}`.execute(trx);
  return { rows: JSON.parse(result.rows[0]!.added) as (FoldSpan & { tenant_id: string })[], stage: added };
}

const ADDED_COLUMNS = ["tenant_id", ...SPAN_GROUP_SOURCE_COLUMNS];
const addedList = sql.join(ADDED_COLUMNS.map((column) => sql.ref(column)));
const CAST_BACK: Partial<Record<string, string>> = { start_time_unix_nano: "int8", end_time_unix_nano: "int8", duration_ns: "int8", input_tokens: "int8", output_tokens: "int8", cost_usd: "numeric" };
const addedSelect = sql.join(ADDED_COLUMNS.map((column) => (CAST_BACK[column] ? sql`${sql.ref(column)}::${sql.raw(CAST_BACK[column]!)}` : sql.ref(column))));
