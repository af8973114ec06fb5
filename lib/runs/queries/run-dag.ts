import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB, StaticGraph } from "@/lib/db/types";
import { buildTraceDag, buildWorkflowDag, type LedgerGroup, type NamedEdgeCount, type NodeSpanGroup, type TraceSpanNode } from "@/lib/runs/dag";
import { maxDagNodes } from "@/lib/runtime/dag-limit";
import { RUN_COLUMNS, toRunView } from "@/lib/runs/run-view";
import type { RunDag, RunView } from "@/lib/runs/types";
import { spanKey, type DagUsageSpan } from "@/lib/runs/usage-totals";

export async function getRun(db: Kysely<DB>, tenantId: string, runId: string): Promise<RunView | null> {
  const row = await db
    .selectFrom("runs")
    .select(RUN_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  return row ? toRunView(row) : null;
}

/**
 * The run with its DAG; null for an unknown run. Every query here reads one run's rows by index.
 * A workflow of more than `maxNodes` distinct nodes is cut (MAX_DAG_NODES), as a long trace is.
 */
export async function getRunDag(db: Kysely<DB>, tenantId: string, runId: string, maxNodes: number = maxDagNodes()): Promise<RunDag | null> {
  const run = await getRun(db, tenantId, runId);
  if (!run) return null;
  // One query at a time, not Promise.all: on PGlite (one connection) queries queue, and a health
  // check or another page's query then waits for one of them, not for all of a large run's.
  const spanGroups = await nodeSpanGroups(db, tenantId, runId);
  const ledger = await ledgerGroups(db, tenantId, runId);
  const isWorkflow = spanGroups.some((group) => group.nodeName !== null) || ledger.length > 0;
  if (!isWorkflow) {
    // A generic trace shows each span as a node, cut at the same limit (the timeline still has them all).
    const spans = await traceSpanNodes(db, tenantId, runId, maxNodes);
    const usage = await usageSpans(db, tenantId, runId);
    const dag = buildTraceDag(spans, usage);
    return { run, ...dag, omittedNodes: Math.max(0, run.spanCount - spans.length) };
  }
  const parentLinks = await nodeParentLinks(db, tenantId, runId);
  const staticGraph = run.workloadName && run.logicId ? await versionGraph(db, tenantId, run.workloadName, run.logicId) : null;
  const usage = await usageSpans(db, tenantId, runId);
  const dag = buildWorkflowDag({ runStatus: run.status, spanGroups, ledger, parentLinks, staticGraph, usage }, maxNodes);
  return { run, ...dag };
}

/** Every span of the run, narrowly: enough to sum usage beneath each node. */
async function usageSpans(db: Kysely<DB>, tenantId: string, runId: string): Promise<DagUsageSpan[]> {
  const rows = await db
    .selectFrom("spans")
    .select(["trace_id", "span_id", "parent_span_id", "node_name", "nodespec_id", "counts_usage", "input_tokens", "output_tokens", "cost_usd"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .execute();
  return rows.map((row) => ({
    key: spanKey(row.trace_id, row.span_id),
    parentKey: row.parent_span_id === null ? null : spanKey(row.trace_id, row.parent_span_id),
    spanId: row.span_id,
    nodeName: row.node_name,
    nodespecId: row.nodespec_id,
    counts: row.counts_usage,
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    costUsd: Number(row.cost_usd ?? 0),
  }));
}

async function nodeSpanGroups(db: Kysely<DB>, tenantId: string, runId: string): Promise<NodeSpanGroup[]> {
  const result = await sql<{
    node_name: string | null;
    nodespec_id: string | null;
    role: string | null;
    activations: string;
    first_start_ns: string;
    last_end_ns: string;
    duration_ns: string | null;
    input_tokens: string | null;
    output_tokens: string | null;
    cost_usd: string | null;
    error_count: string;
    error_message: string | null;
  }>`
    select node_name, nodespec_id, max(node_role) as role,
      count(*) filter (where node_name is not null) as activations,
      min(start_time_unix_nano) as first_start_ns,
      max(end_time_unix_nano) as last_end_ns,
      sum(duration_ns) filter (where node_name is not null) as duration_ns,
      sum(input_tokens) filter (where counts_usage) as input_tokens,
      sum(output_tokens) filter (where counts_usage) as output_tokens,
      sum(cost_usd) filter (where counts_usage) as cost_usd,
      count(*) filter (where status_code = 'error') as error_count,
      (array_agg(coalesce(status_message, name || ' failed') order by start_time_unix_nano)
        filter (where status_code = 'error'))[1] as error_message
    from spans
    where tenant_id = ${tenantId} and run_id = ${runId}
    group by node_name, nodespec_id`.execute(db);
  return result.rows.map((row) => ({
    nodeName: row.node_name,
    nodespecId: row.nodespec_id,
    role: row.role,
    activations: Number(row.activations),
    firstStartNs: row.first_start_ns,
    lastEndNs: row.last_end_ns,
    durationNs: row.duration_ns ?? "0",
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    costUsd: Number(row.cost_usd ?? 0),
    errorCount: Number(row.error_count),
    errorMessage: row.error_message,
  }));
}

async function ledgerGroups(db: Kysely<DB>, tenantId: string, runId: string): Promise<LedgerGroup[]> {
  const result = await sql<{ event_type: string; source_node: string | null; target_node: string | null; count: string; error_message: string | null }>`
    select event_type, source_node, target_node, count(*) as count,
      (array_agg(coalesce(metadata->>'error', metadata->>'error_message') order by time_unix_nano)
        filter (where event_type = 'node_failed'))[1] as error_message
    from audit_events
    where tenant_id = ${tenantId} and run_id = ${runId}
    group by event_type, source_node, target_node`.execute(db);
  return result.rows.map((row) => ({
    eventType: row.event_type,
    sourceNode: row.source_node,
    targetNode: row.target_node,
    count: Number(row.count),
    errorMessage: row.error_message,
  }));
}

async function nodeParentLinks(db: Kysely<DB>, tenantId: string, runId: string): Promise<NamedEdgeCount[]> {
  const result = await sql<{ source: string; target: string; count: string }>`
    select p.node_name as source, c.node_name as target, count(*) as count
    from spans c
    join spans p on p.tenant_id = c.tenant_id and p.trace_id = c.trace_id and p.span_id = c.parent_span_id
    where c.tenant_id = ${tenantId} and c.run_id = ${runId}
      and c.node_name is not null and p.node_name is not null and p.node_name <> c.node_name
    group by p.node_name, c.node_name`.execute(db);
  return result.rows.map((row) => ({ source: row.source, target: row.target, count: Number(row.count) }));
}

async function versionGraph(db: Kysely<DB>, tenantId: string, workloadName: string, logicId: string): Promise<StaticGraph | null> {
  const row = await db
    .selectFrom("workload_versions")
    .select("graph")
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .where("logic_id", "=", logicId)
    .executeTakeFirst();
  return row?.graph ?? null;
}

/** Errors of a large trace drawn even when they fall after the first `maxNodes` spans. */
const MAX_EXTRA_ERROR_SPANS = 50;

/** The first spans of a trace by start time, plus its failed spans wherever they are: what someone debugging it needs to see. */
async function traceSpanNodes(db: Kysely<DB>, tenantId: string, runId: string, maxNodes: number): Promise<TraceSpanNode[]> {
  const first = await traceSpanRows(db, tenantId, runId, false, maxNodes);
  if (first.length < maxNodes) return first;
  const seen = new Set(first.map((span) => span.spanId));
  const errors = await traceSpanRows(db, tenantId, runId, true, maxNodes + MAX_EXTRA_ERROR_SPANS);
  return [...first, ...errors.filter((span) => !seen.has(span.spanId)).slice(0, MAX_EXTRA_ERROR_SPANS)];
}

async function traceSpanRows(db: Kysely<DB>, tenantId: string, runId: string, errorsOnly: boolean, limit: number): Promise<TraceSpanNode[]> {
  let query = db.selectFrom("spans").where("tenant_id", "=", tenantId).where("run_id", "=", runId);
  if (errorsOnly) query = query.where("status_code", "=", "error");
  const rows = await query
    .select([
      "span_id",
      "parent_span_id",
      "name",
      "start_time_unix_nano",
      "duration_ns",
      "status_code",
      "status_message",
      "input_tokens",
      "output_tokens",
      "cost_usd",
      "counts_usage",
      sql<string | null>`coalesce(attributes->>'gen_ai.operation.name', attributes->>'openinference.span.kind')`.as("role"),
    ])
    .orderBy("start_time_unix_nano")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    role: row.role,
    startNs: row.start_time_unix_nano,
    durationNs: row.duration_ns,
    status: row.status_code,
    statusMessage: row.status_message,
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    costUsd: Number(row.cost_usd ?? 0),
    countsUsage: row.counts_usage,
  }));
}
