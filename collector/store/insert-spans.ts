import { sql, type RawBuilder, type Transaction } from "kysely";
import type { DB, NewSpan } from "@/lib/db/types";
import { stageRows } from "@/lib/db/copy";
import { FOLD_SPAN_COLUMNS, FOLD_SPAN_JSON_COLUMNS, type FoldSpan } from "@/collector/store/fold-rows";

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

/**
 * Inserts spans by COPY into a temporary stage, then one insert from the stage that skips spans
 * already stored. COPY is the fastest way in on both backends; the stage is what lets it skip
 * re-delivered spans, which a COPY straight into `spans` would fail on. Returns the spans that
 * were new, as the roll-ups fold them: on PGlite (`inProcess`) as one JSON text, since PGlite turns
 * each value of each returned row into JavaScript one by one, on the thread ingest runs on.
 */
export async function insertSpans(trx: Transaction<DB>, spans: NewSpan[], inProcess = false): Promise<(FoldSpan & { tenant_id: string })[]> {
  if (spans.length === 0) return [];
  const stage = await stageRows(trx, "spans", COLUMNS, spans);
  const insert = (returned: RawBuilder<unknown>) => sql`
    insert into spans (${columnList})
    select ${selectList} from ${sql.raw(stage)} as r
    on conflict (tenant_id, trace_id, span_id) do nothing
    returning tenant_id, ${returned}`;
  if (!inProcess) return (await sql<FoldSpan & { tenant_id: string }>`${insert(FOLD_SPAN_COLUMNS)}`.execute(trx)).rows;
  const result = await sql<{ added: string }>`with added as (${insert(FOLD_SPAN_JSON_COLUMNS)}) select coalesce(json_agg(added), '[]')::text as added from added`.execute(trx);
  return JSON.parse(result.rows[0]!.added) as (FoldSpan & { tenant_id: string })[];
}
