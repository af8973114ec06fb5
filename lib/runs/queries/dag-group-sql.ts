import { sql } from "kysely";

// The figures of the run DAG's groups, as one select list each: ingest folds a batch's new rows
// with them (collector/store/dag-rollups.ts) and a run never folded is grouped with them at read
// time (run-dag-groups.ts), so both follow one set of rules. No "server-only": the collector imports it.

/** Per (node name, spec id) group of spans. */
export const SPAN_GROUP_FIGURES = sql`max(node_role) as role,
  count(*) filter (where node_name is not null) as activations,
  min(start_time_unix_nano) as first_start_ns, max(end_time_unix_nano) as last_end_ns,
  coalesce(sum(duration_ns) filter (where node_name is not null), 0) as duration_ns,
  coalesce(sum(input_tokens) filter (where counts_usage), 0) as input_tokens,
  coalesce(sum(output_tokens) filter (where counts_usage), 0) as output_tokens,
  coalesce(sum(cost_usd) filter (where counts_usage), 0) as cost_usd,
  count(*) filter (where status_code = 'error') as error_count,
  min(start_time_unix_nano) filter (where status_code = 'error') as error_start_ns,
  (array_agg(coalesce(status_message, name || ' failed') order by start_time_unix_nano, coalesce(status_message, name || ' failed'))
    filter (where status_code = 'error'))[1] as error_message`;

/** Per (event type, source, target) group of audit events with their failure text as `error`. */
export const LEDGER_GROUP_FIGURES = sql`count(*) as count,
  min(time_unix_nano) filter (where event_type = 'node_failed') as error_time_ns,
  (array_agg(error order by time_unix_nano, error) filter (where event_type = 'node_failed'))[1] as error_message`;
