import { sql, type Kysely, type Transaction } from "kysely";
import { LAST_ORDER } from "@/lib/runs/queries/dag-group-sql";
import type { DB } from "@/lib/db/types";

/** An upsert of runs rows takes every derived column from the row it proposes (writeRuns too). */
export const RUN_FIGURES_FROM_EXCLUDED = sql`
  trace_id = excluded.trace_id, service_name = excluded.service_name, workload_id = excluded.workload_id,
  workload_name = excluded.workload_name, workload_version = excluded.workload_version,
  workload_logic_id = excluded.workload_logic_id, deployment_id = excluded.deployment_id,
  status = excluded.status, start_time_unix_nano = excluded.start_time_unix_nano,
  end_time_unix_nano = excluded.end_time_unix_nano, duration_ns = excluded.duration_ns,
  span_count = excluded.span_count, node_count = excluded.node_count, error_count = excluded.error_count,
  input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
  total_tokens = excluded.total_tokens, cost_usd = excluded.cost_usd, error_message = excluded.error_message, retried = excluded.retried,
  last_span_received_at = excluded.last_span_received_at, updated_at = excluded.updated_at`;

export interface RecomputedRun {
  run_id: string;
  workload_name: string | null;
  workload_logic_id: string | null;
}

/**
 * Recomputes the aggregates of the given runs from their stored spans and audit events, and
 * upserts them. Recomputing (rather than adding deltas) keeps every figure exact whatever the
 * order of arrival or re-delivery; callers hold the runs' locks so concurrent writers serialize.
 *
 * Status: failed once any span or node_failed event says so, unless every node that failed
 * succeeded on a later attempt (the run is then `retried`); completed when the ledger shows
 * runtime_stopped or every enqueued token dequeued, when the root span of a trace-keyed run has
 * arrived, or when the last span ended before `idleCutoffNs`; running otherwise. A late span
 * recomputes its run, which can reopen it.
 */
export async function recomputeRuns(
  db: Kysely<DB> | Transaction<DB>,
  tenantId: string,
  runIds: string[],
  idleCutoffNs: bigint,
): Promise<RecomputedRun[]> {
  if (runIds.length === 0) return [];
  const result = await sql<RecomputedRun>`
    with span_agg as (
      select s.run_id,
        min(s.trace_id) as trace_id,
        (array_agg(s.service_name order by s.start_time_unix_nano) filter (where s.service_name is not null))[1] as service_name,
        (array_agg(s.workload_id order by s.start_time_unix_nano) filter (where s.workload_id is not null))[1] as workload_id,
        (array_agg(s.workload_name order by s.start_time_unix_nano) filter (where s.workload_name is not null))[1] as workload_name,
        (array_agg(s.workload_version order by s.start_time_unix_nano) filter (where s.workload_version is not null))[1] as workload_version,
        (array_agg(s.workload_logic_id order by s.start_time_unix_nano) filter (where s.workload_logic_id is not null))[1] as workload_logic_id,
        (array_agg(s.deployment_id order by s.start_time_unix_nano) filter (where s.deployment_id is not null))[1] as deployment_id,
        min(s.start_time_unix_nano) as start_ns,
        max(s.end_time_unix_nano) as end_ns,
        count(*)::int as span_count,
        -- A generic trace has no workflow nodes: each span is a node of its DAG.
        (case when count(s.node_name) = 0 then count(*) else count(distinct s.node_name) end)::int as node_count,
        (count(*) filter (where s.status_code = 'error'))::int as error_count,
        coalesce(sum(s.input_tokens) filter (where s.counts_usage), 0)::int8 as input_tokens,
        coalesce(sum(s.output_tokens) filter (where s.counts_usage), 0)::int8 as output_tokens,
        coalesce(sum(s.total_tokens) filter (where s.counts_usage), 0)::int8 as total_tokens,
        coalesce(sum(s.cost_usd) filter (where s.counts_usage), 0) as cost_usd,
        (array_agg(coalesce(s.status_message, s.name || ' failed') order by s.start_time_unix_nano)
          filter (where s.status_code = 'error'))[1] as error_message,
        bool_or(s.parent_span_id is null and s.run_id = s.trace_id) as root_arrived
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[])
      group by s.run_id
    ),
    event_agg as (
      select e.run_id,
        min(e.time_unix_nano) as start_ns,
        max(e.time_unix_nano) as end_ns,
        count(*) filter (where e.event_type = 'node_failed') as failed_nodes,
        bool_or(e.event_type = 'runtime_stopped') as stopped,
        count(*) filter (where e.event_type = 'token_enqueued') as enqueued,
        count(*) filter (where e.event_type = 'token_dequeued') as dequeued,
        count(distinct e.target_node) filter (where e.target_node is not null and e.target_node <> '__entry__') as nodes_seen,
        (array_agg(coalesce(e.metadata->>'error', e.metadata->>'error_message',
            'node ' || coalesce(e.source_node, e.target_node, '?') || ' failed') order by e.time_unix_nano)
          filter (where e.event_type = 'node_failed'))[1] as error_message
      from audit_events e
      where e.tenant_id = ${tenantId} and e.run_id = any(${runIds}::text[])
      group by e.run_id
    ),
    -- Retries node by node, as collector/store/run-retries.ts reads them from the roll-ups:
    -- failed activations, whether the last (by start, attempt, failed) failed, the ledger's failures.
    node_attempts as (
      select s.run_id, s.node_name as node, count(*) filter (where s.status_code = 'error') as failed,
        (array_agg(s.status_code = 'error' order by ${LAST_ORDER}))[1] as last_failed
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[]) and s.node_name is not null
      group by s.run_id, s.node_name
    ),
    ledger_failures as (
      select e.run_id, coalesce(nullif(e.source_node, '__entry__'), nullif(e.target_node, '__entry__')) as node, count(*) as failed
      from audit_events e
      where e.tenant_id = ${tenantId} and e.run_id = any(${runIds}::text[]) and e.event_type = 'node_failed'
      group by 1, 2
    ),
    -- Errors of spans that belong to no node: no attempt retried them.
    stray_errors as (
      select s.run_id, count(*) as errors
      from spans s
      where s.tenant_id = ${tenantId} and s.run_id = any(${runIds}::text[]) and s.node_name is null and s.status_code = 'error'
        and (s.nodespec_id is null or not exists (
          select 1 from spans n where n.tenant_id = s.tenant_id and n.run_id = s.run_id and n.node_name is not null and n.nodespec_id = s.nodespec_id))
      group by s.run_id
    ),
    retry_agg as (
      select p.run_id,
        count(*) filter (where p.failed > 0 and not p.last_failed and p.ledger_failed <= p.failed) as retried_nodes,
        count(*) filter (where p.last_failed or p.ledger_failed > p.failed) + (case when max(coalesce(st.errors, 0)) > 0 then 1 else 0 end) as failing_nodes
      from (
        select coalesce(a.run_id, l.run_id) as run_id, coalesce(a.failed, 0) as failed, coalesce(a.last_failed, false) as last_failed, coalesce(l.failed, 0) as ledger_failed
        from node_attempts a full join ledger_failures l on l.run_id = a.run_id and l.node is not distinct from a.node) p
      left join stray_errors st on st.run_id = p.run_id
      group by p.run_id
    ),
    combined as (
      select coalesce(sa.run_id, ea.run_id) as run_id, sa.trace_id, sa.service_name, sa.workload_id, sa.workload_name,
        sa.workload_version, sa.workload_logic_id, sa.deployment_id,
        least(sa.start_ns, ea.start_ns) as start_ns,
        greatest(sa.end_ns, ea.end_ns) as end_ns,
        coalesce(sa.span_count, 0) as span_count,
        -- A run known only from its ledger still shows its nodes and failures.
        greatest(coalesce(sa.node_count, 0), coalesce(ea.nodes_seen, 0))::int as node_count,
        greatest(coalesce(sa.error_count, 0), coalesce(ea.failed_nodes, 0))::int as error_count,
        coalesce(sa.input_tokens, 0) as input_tokens,
        coalesce(sa.output_tokens, 0) as output_tokens,
        coalesce(sa.total_tokens, 0) as total_tokens,
        coalesce(sa.cost_usd, 0) as cost_usd,
        coalesce(sa.error_message, ea.error_message) as error_message,
        coalesce(ra.retried_nodes, 0) > 0 as retried,
        case
          when (coalesce(sa.error_count, 0) > 0 or coalesce(ea.failed_nodes, 0) > 0)
            and not (coalesce(ra.retried_nodes, 0) > 0 and ra.failing_nodes = 0) then 'failed'
          when coalesce(ea.stopped, false)
            or (coalesce(ea.enqueued, 0) > 0 and ea.dequeued >= ea.enqueued)
            or coalesce(sa.root_arrived, false)
            or greatest(sa.end_ns, ea.end_ns) < ${idleCutoffNs.toString()}::int8 then 'completed'
          else 'running'
        end as status
      from span_agg sa full join event_agg ea on ea.run_id = sa.run_id
        left join retry_agg ra on ra.run_id = coalesce(sa.run_id, ea.run_id)
    )
    insert into runs (tenant_id, run_id, trace_id, service_name, workload_id, workload_name, workload_version,
      workload_logic_id, deployment_id, status, start_time_unix_nano, end_time_unix_nano, duration_ns, span_count,
      node_count, error_count, input_tokens, output_tokens, total_tokens, cost_usd, error_message, retried,
      last_span_received_at, updated_at)
    select ${tenantId}, c.run_id, c.trace_id, c.service_name, c.workload_id, c.workload_name, c.workload_version,
      c.workload_logic_id, c.deployment_id, c.status, c.start_ns, c.end_ns, greatest(c.end_ns - c.start_ns, 0),
      c.span_count, c.node_count, c.error_count, c.input_tokens, c.output_tokens, c.total_tokens, c.cost_usd,
      c.error_message, c.retried, now(), now()
    from combined c
    on conflict (tenant_id, run_id) do update set ${RUN_FIGURES_FROM_EXCLUDED}
    returning run_id, workload_name, workload_logic_id`.execute(db);
  return result.rows;
}

/** Runs one idle sweep closes at most: after a long outage thousands may be due, and one statement would lock them all at once. */
export const IDLE_CLOSE_BATCH = 1_000;

/**
 * The idle rule, applied to runs nothing new arrived for: closes up to `limit` running runs whose
 * last span ended before the cutoff, the longest idle first (runs_running_idx). A full batch means
 * more may be due: the caller sweeps again.
 */
export async function closeIdleRuns(db: Kysely<DB>, idleCutoffNs: bigint, limit = IDLE_CLOSE_BATCH): Promise<{ tenantId: string; runId: string }[]> {
  // Rows a writer holds are skipped (closed next round), so the sweeper never deadlocks with it.
  const result = await sql<{ tenant_id: string; run_id: string }>`
    update runs set status = 'completed', updated_at = now()
    where (tenant_id, run_id) in (
      select tenant_id, run_id from runs
      where status = 'running' and end_time_unix_nano < ${idleCutoffNs.toString()}::int8
      order by end_time_unix_nano
      limit ${limit}
      for update skip locked)
    returning tenant_id, run_id`.execute(db);
  return result.rows.map((row) => ({ tenantId: row.tenant_id, runId: row.run_id }));
}
