import { sql, type Kysely } from "kysely";

// run_span_groups is keyed by node name alone for node spans; the spec id stays in the key only for
// spans without a node name (LLM calls inside a node, found by their spec id). Named groups kept the
// 64-character spec id in a unique index that cost ~220 B per stored span in bench:ingest's shape,
// the largest index of the database; without it the key is the size of run_nodes' primary key.
// A node's groups under several spec ids merge by the fold's rules: counts and sums add, min/max
// keep, the first error by (time, text), the last activation by (start, attempt, failed), and the
// smallest spec id (the one the run DAG showed: it read groups in spec order).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create temporary table merged_span_groups as
    select tenant_id, run_id, node_name, min(nodespec_id) as nodespec_id, max(role) as role, sum(activations)::int4 as activations,
      min(first_start_ns) as first_start_ns, max(last_end_ns) as last_end_ns, sum(duration_ns)::int8 as duration_ns,
      sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, sum(cost_usd) as cost_usd,
      sum(error_count)::int4 as error_count, min(error_start_ns) as error_start_ns,
      (array_agg(error_message order by error_start_ns nulls last, error_message is null, coalesce(error_message, '')))[1] as error_message,
      sum(failed_activations)::int4 as failed_activations,
      (array_agg(last_attempt order by last_start_ns desc nulls last, last_attempt desc, last_failed desc))[1] as last_attempt,
      max(last_start_ns) as last_start_ns,
      (array_agg(last_failed order by last_start_ns desc nulls last, last_attempt desc, last_failed desc))[1] as last_failed
    from run_span_groups
    where node_name is not null
    group by tenant_id, run_id, node_name
    having count(*) > 1`.execute(db);
  await sql`
    delete from run_span_groups g using merged_span_groups m
    where g.tenant_id = m.tenant_id and g.run_id = m.run_id and g.node_name = m.node_name`.execute(db);
  await sql`
    insert into run_span_groups (tenant_id, run_id, node_name, nodespec_id, role, activations, first_start_ns, last_end_ns, duration_ns,
      input_tokens, output_tokens, cost_usd, error_count, error_start_ns, error_message, failed_activations, last_attempt, last_start_ns, last_failed)
    select tenant_id, run_id, node_name, nodespec_id, role, activations, first_start_ns, last_end_ns, duration_ns,
      input_tokens, output_tokens, cost_usd, error_count, error_start_ns, error_message, failed_activations, last_attempt, last_start_ns, last_failed
    from merged_span_groups`.execute(db);
  await sql`drop table merged_span_groups`.execute(db);
  await sql`alter table run_span_groups drop constraint run_span_groups_key`.execute(db);
  // The same expression as the fold's ON CONFLICT target (collector/store/dag-rollups.ts).
  await sql`
    create unique index run_span_groups_key on run_span_groups
      (tenant_id, run_id, node_name, (case when node_name is null then nodespec_id end)) nulls not distinct`.execute(db);
}

// Merged groups stay merged: one row per node name is unique under the old key too.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index run_span_groups_key`.execute(db);
  await sql`
    alter table run_span_groups
      add constraint run_span_groups_key unique nulls not distinct (tenant_id, run_id, node_name, nodespec_id)`.execute(db);
}
