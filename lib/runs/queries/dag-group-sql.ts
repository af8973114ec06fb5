import { sql } from "kysely";

// The figures of the run DAG's groups, as one select list each: ingest folds a batch's new rows
// with them (collector/store/dag-rollups.ts) and a run never folded is grouped with them at read
// time (run-dag-groups.ts), so both follow one set of rules. No "server-only": the collector imports it.

/**
 * The last activation of spans: the greatest (start, attempt, failed). Start first: attempt
 * numbers restart with each invocation of a step, so they only break ties of time. One order
 * decides whichever batch the activations came in; the roll-up merge (collector/store/dag-rollups.ts)
 * and the whole-run statement (collector/store/run-aggregates.ts) use it too.
 */
export const LAST_ORDER = sql`start_time_unix_nano desc, coalesce(attempt, 0) desc, status_code = 'error' desc`;
const LAST_ACTIVATION = sql`coalesce((array_agg(coalesce(attempt, 0) order by ${LAST_ORDER}) filter (where node_name is not null))[1], 0) as last_attempt,
  (array_agg(start_time_unix_nano order by ${LAST_ORDER}) filter (where node_name is not null))[1] as last_start_ns,
  coalesce((array_agg(status_code = 'error' order by ${LAST_ORDER}) filter (where node_name is not null))[1], false) as last_failed`;

/**
 * What a span group is keyed by: the node name, and for spans without one (LLM calls inside a
 * node, matched to it by spec id) the spec id. The roll-up's unique index is on this expression
 * (migration 2026_12_28_120000_span_groups_by_node), so it must be spelled the same everywhere.
 */
export const SPAN_GROUP_KEY = sql`node_name, (case when node_name is null then nodespec_id end)`;

/** Per span group: a node's spec id is its smallest (a node's spans under two spec ids form one group). */
export const SPAN_GROUP_FIGURES = sql`min(nodespec_id) as nodespec_id, max(node_role) as role, max(service_name) as service_name,
  count(*) filter (where node_name is not null) as activations,
  min(start_time_unix_nano) as first_start_ns, max(end_time_unix_nano) as last_end_ns,
  coalesce(sum(duration_ns) filter (where node_name is not null), 0) as duration_ns,
  coalesce(sum(input_tokens) filter (where counts_usage), 0) as input_tokens,
  coalesce(sum(output_tokens) filter (where counts_usage), 0) as output_tokens,
  coalesce(sum(cost_usd) filter (where counts_usage), 0) as cost_usd,
  count(*) filter (where status_code = 'error') as error_count,
  min(start_time_unix_nano) filter (where status_code = 'error') as error_start_ns,
  (array_agg(coalesce(status_message, name || ' failed') order by start_time_unix_nano, coalesce(status_message, name || ' failed'))
    filter (where status_code = 'error'))[1] as error_message,
  count(*) filter (where node_name is not null and status_code = 'error') as failed_activations,
  ${LAST_ACTIVATION}`;

/** Per (event type, source, target) group of audit events with their failure text as `error`. */
export const LEDGER_GROUP_FIGURES = sql`count(*) as count,
  min(time_unix_nano) filter (where event_type = 'node_failed') as error_time_ns,
  (array_agg(error order by time_unix_nano, error) filter (where event_type = 'node_failed'))[1] as error_message`;
