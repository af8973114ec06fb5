import { sql, type Kysely } from "kysely";

// The run DAG reads roll-ups that ingest folds batch by batch instead of grouping every span and
// audit event of the run on each read:
// - run_span_groups: per (run, node name, nodespec id), nulls included (a call's group has no node
//   name), the figures lib/runs/dag.ts's NodeSpanGroup holds. The first error is the one with the
//   smallest (start, message), so the fold does not depend on arrival order.
// - run_ledger_groups: per (run, event type, source, target), the event count and the first
//   node_failed event's error by (time, error nulls last).
// Backfilled here from the stored rows, with the same rules.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table run_span_groups (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      node_name text,
      nodespec_id text,
      role text,
      activations int4 not null,
      first_start_ns int8 not null,
      last_end_ns int8 not null,
      duration_ns int8 not null,
      input_tokens numeric not null,
      output_tokens numeric not null,
      cost_usd numeric not null,
      error_count int4 not null,
      error_start_ns int8,
      error_message text,
      constraint run_span_groups_key unique nulls not distinct (tenant_id, run_id, node_name, nodespec_id)
    )`.execute(db);
  await sql`
    create table run_ledger_groups (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      event_type text not null,
      source_node text,
      target_node text,
      count int4 not null,
      error_time_ns int8,
      error_message text,
      constraint run_ledger_groups_key unique nulls not distinct (tenant_id, run_id, event_type, source_node, target_node)
    )`.execute(db);
  await sql`
    insert into run_span_groups (tenant_id, run_id, node_name, nodespec_id, role, activations, first_start_ns, last_end_ns,
      duration_ns, input_tokens, output_tokens, cost_usd, error_count, error_start_ns, error_message)
    select tenant_id, run_id, node_name, nodespec_id, max(node_role),
      count(*) filter (where node_name is not null),
      min(start_time_unix_nano), max(end_time_unix_nano),
      coalesce(sum(duration_ns) filter (where node_name is not null), 0),
      coalesce(sum(input_tokens) filter (where counts_usage), 0),
      coalesce(sum(output_tokens) filter (where counts_usage), 0),
      coalesce(sum(cost_usd) filter (where counts_usage), 0),
      count(*) filter (where status_code = 'error'),
      min(start_time_unix_nano) filter (where status_code = 'error'),
      (array_agg(coalesce(status_message, name || ' failed') order by start_time_unix_nano, coalesce(status_message, name || ' failed'))
        filter (where status_code = 'error'))[1]
    from spans
    group by tenant_id, run_id, node_name, nodespec_id`.execute(db);
  await sql`
    insert into run_ledger_groups (tenant_id, run_id, event_type, source_node, target_node, count, error_time_ns, error_message)
    select tenant_id, run_id, event_type, source_node, target_node, count(*),
      min(time_unix_nano) filter (where event_type = 'node_failed'),
      (array_agg(coalesce(metadata->>'error', metadata->>'error_message') order by time_unix_nano,
        coalesce(metadata->>'error', metadata->>'error_message')) filter (where event_type = 'node_failed'))[1]
    from audit_events
    group by tenant_id, run_id, event_type, source_node, target_node`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table run_ledger_groups`.execute(db);
  await sql`drop table run_span_groups`.execute(db);
}
