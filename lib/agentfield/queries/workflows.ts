import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { WorkflowSnapshot } from "@/lib/agentfield/events";
import { executionId } from "@/lib/agentfield/ids";
import { buildExecutions, missingExecutions, toExecution, toWorkflow, type ExecutionFacts, type ExecutionRecord, type WorkflowMode, type WorkflowRun } from "@/lib/agentfield/map";
import type { ExecutionCursor } from "@/lib/agentfield/params";
import type { LedgerRecord } from "@/lib/agentfield/parents";
import type { Execution, Workflow } from "@/lib/agentfield/types";

// The AgentField-style views of a run (lib/agentfield/README.md). Every query reads one run's rows
// by index (spans_run_idx, audit_events_run_idx) or one span by its primary key.

/** A workflow view lists at most this many executions (a huge generic trace); `omitted_nodes` counts the rest. */
export const MAX_WORKFLOW_NODES = 10_000;

/**
 * Ledger events a view reads at most, in the order they happened: lineage needs three or four per
 * activation, so this covers MAX_WORKFLOW_NODES with room for fan-out, while a run that posts
 * millions of events (or a flood of them) costs every request a bounded read. Activations whose
 * events lie past it take their span parent, as without a ledger.
 */
export const MAX_LEDGER_EVENTS = 10 * MAX_WORKFLOW_NODES;

/** What one read holds at most; tests pass smaller ones. */
export interface WorkflowReadLimits {
  ledgerEvents: number;
}

const DEFAULT_LIMITS: WorkflowReadLimits = { ledgerEvents: MAX_LEDGER_EVENTS };

export async function getWorkflowRun(db: Kysely<DB>, tenantId: string, runId: string): Promise<(WorkflowRun & { traceId: string | null }) | null> {
  const row = await db
    .selectFrom("runs")
    .select(["run_id", "trace_id", "status", "start_time_unix_nano", "end_time_unix_nano", "duration_ns", "error_message"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    runId: row.run_id,
    traceId: row.trace_id,
    status: row.status,
    startNs: row.start_time_unix_nano,
    endNs: row.end_time_unix_nano,
    durationNs: row.duration_ns,
    errorMessage: row.error_message,
  };
}

/**
 * A Codon workflow when the run is keyed by `codon.workload.run_id` (not by its trace id), has node
 * spans, or has a ledger; else a generic trace. Keyed by run id, a Codon run's own non-node spans
 * (agent.graph, agent.llm) never count as executions, even before its first node span arrives.
 */
async function workflowMode(db: Kysely<DB>, tenantId: string, run: { runId: string; traceId: string | null }): Promise<WorkflowMode> {
  if (run.traceId !== run.runId) return "workflow";
  const result = await sql<{ workflow: boolean }>`
    select exists (select 1 from spans where tenant_id = ${tenantId} and run_id = ${run.runId} and node_name is not null)
      or exists (select 1 from audit_events where tenant_id = ${tenantId} and run_id = ${run.runId}) as workflow`.execute(db);
  return result.rows[0]?.workflow ? "workflow" : "trace";
}

interface RecordRow {
  trace_id: string;
  span_id: string;
  name: string;
  node_name: string | null;
  service_name: string | null;
  workload_name: string | null;
  start_time_unix_nano: string;
  end_time_unix_nano: string;
  duration_ns: string;
  status_code: string;
  status_message: string | null;
  /** The parent span, when it is an execution of the same run. */
  parent_in_run: string | null;
  input_text?: string | null;
  output_text?: string | null;
}

interface RecordQuery {
  mode: WorkflowMode;
  limit: number;
  cursor?: ExecutionCursor | null;
  /** One span only (an execution's detail). */
  span?: { traceId: string; spanId: string };
  payload?: boolean;
}

/** A run's executions in start order: node spans of a workflow, every span of a generic trace. */
async function executionRows(db: Kysely<DB>, tenantId: string, runId: string, query: RecordQuery): Promise<RecordRow[]> {
  const workflow = query.mode === "workflow";
  const result = await sql<RecordRow>`
    select c.trace_id, c.span_id, c.name, c.node_name, c.service_name, c.workload_name, c.start_time_unix_nano,
      c.end_time_unix_nano, c.duration_ns, c.status_code, c.status_message, p.span_id as parent_in_run
      ${query.payload ? sql`, c.input_text, c.output_text` : sql``}
    from spans c
    left join spans p on p.tenant_id = c.tenant_id and p.trace_id = c.trace_id and p.span_id = c.parent_span_id
      and p.run_id = c.run_id ${workflow ? sql`and p.node_name is not null` : sql``}
    where c.tenant_id = ${tenantId} and c.run_id = ${runId}
      ${workflow ? sql`and c.node_name is not null` : sql``}
      ${query.span ? sql`and c.trace_id = ${query.span.traceId} and c.span_id = ${query.span.spanId}` : sql``}
      ${query.cursor ? sql`and (c.start_time_unix_nano, c.trace_id, c.span_id) > (${query.cursor.startNs}::int8, ${query.cursor.traceId}, ${query.cursor.spanId})` : sql``}
    order by c.start_time_unix_nano, c.trace_id, c.span_id
    limit ${query.limit}`.execute(db);
  return result.rows;
}

function toRecord(row: RecordRow): ExecutionRecord {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    name: row.name,
    nodeName: row.node_name,
    serviceName: row.service_name,
    workloadName: row.workload_name,
    startNs: String(row.start_time_unix_nano),
    endNs: String(row.end_time_unix_nano),
    durationNs: String(row.duration_ns),
    failed: row.status_code === "error",
    statusMessage: row.status_message,
    spanParentId: row.parent_in_run === null ? null : executionId(row.trace_id, row.parent_in_run),
  };
}

const LINEAGE_EVENTS = ["token_enqueued", "token_dequeued", "node_completed", "node_failed"] as const;

/** The first `limit` audit events lineage needs, in the order they happened; node_failed with its message. */
async function ledgerRecords(db: Kysely<DB>, tenantId: string, runId: string, limit: number): Promise<LedgerRecord[]> {
  const result = await sql<{
    event_type: string;
    token_id: string | null;
    parent_token_id: string | null;
    source_node: string | null;
    target_node: string | null;
    trace_id: string | null;
    span_id: string | null;
    time_unix_nano: string;
    error: string | null;
  }>`
    select event_type, token_id, parent_token_id, source_node, target_node, trace_id, span_id, time_unix_nano,
      case when event_type = 'node_failed'
        then coalesce(metadata->>'exception', metadata->>'error', metadata->>'error_message') end as error
    from audit_events
    where tenant_id = ${tenantId} and run_id = ${runId}
      and event_type in (${sql.join([...LINEAGE_EVENTS])})
    order by time_unix_nano, id
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
    eventType: row.event_type,
    tokenId: row.token_id,
    parentTokenId: row.parent_token_id,
    sourceNode: row.source_node,
    targetNode: row.target_node,
    traceId: row.trace_id,
    spanId: row.span_id,
    timeNs: String(row.time_unix_nano),
    error: row.error,
  }));
}

interface LoadedExecutions {
  run: WorkflowRun;
  mode: WorkflowMode;
  executions: ExecutionFacts[];
  omitted: number;
  missing: number;
}

/** Every execution of a run (up to MAX_WORKFLOW_NODES) with parents and statuses; null for an unknown run. */
async function loadExecutions(db: Kysely<DB>, tenantId: string, runId: string, limits: WorkflowReadLimits): Promise<LoadedExecutions | null> {
  const run = await getWorkflowRun(db, tenantId, runId);
  if (!run) return null;
  const mode = await workflowMode(db, tenantId, run);
  return { run, mode, ...(await allExecutions(db, tenantId, runId, mode, limits)) };
}

async function allExecutions(db: Kysely<DB>, tenantId: string, runId: string, mode: WorkflowMode, limits: WorkflowReadLimits): Promise<Omit<LoadedExecutions, "run" | "mode">> {
  const [rows, ledger] = await Promise.all([
    executionRows(db, tenantId, runId, { mode, limit: MAX_WORKFLOW_NODES + 1 }),
    mode === "workflow" ? ledgerRecords(db, tenantId, runId, limits.ledgerEvents + 1) : Promise.resolve([]),
  ]);
  let omitted = 0;
  if (rows.length > MAX_WORKFLOW_NODES) {
    rows.length = MAX_WORKFLOW_NODES;
    omitted = (await countExecutions(db, tenantId, runId, mode)) - MAX_WORKFLOW_NODES;
  }
  const cut = ledger.length > limits.ledgerEvents;
  if (cut) ledger.length = limits.ledgerEvents;
  const executions = buildExecutions(mode, rows.map(toRecord), ledger);
  if (mode === "trace") return { executions, omitted, missing: 0 };
  const spans = executions.length + omitted;
  // Past the cut, the settled activations are counted, not read.
  const missing = cut ? Math.max(0, (await countSettled(db, tenantId, runId)) - spans) : missingExecutions(ledger, spans);
  return { executions, omitted, missing };
}

/** The activations the ledger says finished (`node_completed` / `node_failed`): one count, no rows. */
async function countSettled(db: Kysely<DB>, tenantId: string, runId: string): Promise<number> {
  const row = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .where("event_type", "in", ["node_completed", "node_failed"])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function countExecutions(db: Kysely<DB>, tenantId: string, runId: string, mode: WorkflowMode): Promise<number> {
  let query = db.selectFrom("spans").select((eb) => eb.fn.countAll<string>().as("count")).where("tenant_id", "=", tenantId).where("run_id", "=", runId);
  if (mode === "workflow") query = query.where("node_name", "is not", null);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/** GET /workflows/{id}: the run as a workflow of executions; null for an unknown run. */
export async function getWorkflow(db: Kysely<DB>, tenantId: string, runId: string, limits = DEFAULT_LIMITS): Promise<Workflow | null> {
  const loaded = await loadExecutions(db, tenantId, runId, limits);
  return loaded ? toWorkflow(loaded.run, loaded.executions, loaded.omitted) : null;
}

/** What the events stream compares with what it sent; null while nothing of the run has arrived. */
export async function loadWorkflowSnapshot(db: Kysely<DB>, tenantId: string, runId: string, limits = DEFAULT_LIMITS): Promise<WorkflowSnapshot | null> {
  const loaded = await loadExecutions(db, tenantId, runId, limits);
  return loaded ? { run: loaded.run, executions: loaded.executions, missingExecutions: loaded.missing } : null;
}

type ExecutionListPage = { executions: Execution[]; nextCursor: ExecutionCursor | null };

/**
 * One page of a workflow's executions in start order, with input and output; null for an unknown
 * run. A Codon run is paged in the order its workflow view lists (ledger order within one clock
 * tick), which only the whole run can say; a generic trace, or a Codon run past
 * MAX_WORKFLOW_NODES, by keyset on (start, trace id, span id).
 */
export async function listWorkflowExecutions(
  db: Kysely<DB>,
  tenantId: string,
  runId: string,
  options: { limit: number; cursor: ExecutionCursor | null },
  limits = DEFAULT_LIMITS,
): Promise<ExecutionListPage | null> {
  const run = await getWorkflowRun(db, tenantId, runId);
  if (!run) return null;
  const mode = await workflowMode(db, tenantId, run);
  if (mode === "workflow") {
    const { executions, omitted } = await allExecutions(db, tenantId, runId, mode, limits);
    if (omitted === 0) return pageInMemory(db, tenantId, runId, executions, options);
  }
  const rows = await executionRows(db, tenantId, runId, { mode, limit: options.limit + 1, cursor: options.cursor, payload: true });
  const page = rows.slice(0, options.limit);
  const facts = await factsFor(db, tenantId, runId, mode, page, limits);
  const last = page.at(-1);
  return {
    executions: page.map((row, i) => toExecution(runId, facts[i]!, { input: row.input_text ?? null, output: row.output_text ?? null })),
    nextCursor: rows.length > options.limit && last ? { startNs: String(last.start_time_unix_nano), traceId: last.trace_id, spanId: last.span_id } : null,
  };
}

/** The page after the cursor's execution (or, should it be gone, after its start time) of an ordered list. */
async function pageInMemory(
  db: Kysely<DB>,
  tenantId: string,
  runId: string,
  all: ExecutionFacts[],
  { limit, cursor }: { limit: number; cursor: ExecutionCursor | null },
): Promise<ExecutionListPage> {
  let start = 0;
  if (cursor) {
    const after = executionId(cursor.traceId, cursor.spanId);
    const at = all.findIndex((facts) => facts.execution_id === after);
    const later = all.findIndex((facts) => BigInt(facts.startNs) > BigInt(cursor.startNs));
    start = at >= 0 ? at + 1 : later >= 0 ? later : all.length;
  }
  const page = all.slice(start, start + limit);
  const payloads = await payloadsFor(db, tenantId, page);
  const last = page.at(-1);
  return {
    executions: page.map((facts) => toExecution(runId, facts, payloads.get(facts.execution_id) ?? { input: null, output: null })),
    nextCursor: start + limit < all.length && last ? { startNs: last.startNs, traceId: last.traceId, spanId: last.spanId } : null,
  };
}

/** Input and output of some executions, by primary key. */
async function payloadsFor(db: Kysely<DB>, tenantId: string, facts: ExecutionFacts[]): Promise<Map<string, { input: string | null; output: string | null }>> {
  if (facts.length === 0) return new Map();
  const result = await sql<{ trace_id: string; span_id: string; input_text: string | null; output_text: string | null }>`
    select trace_id, span_id, input_text, output_text from spans
    where tenant_id = ${tenantId} and (trace_id, span_id) in (${sql.join(facts.map((item) => sql`(${item.traceId}, ${item.spanId})`))})`.execute(db);
  return new Map(result.rows.map((row) => [executionId(row.trace_id, row.span_id), { input: row.input_text, output: row.output_text }]));
}

/**
 * Facts for some of a run's executions. A generic trace needs only the rows themselves; a Codon
 * run's parents come from the whole run (every activation and the ledger), so it reads those.
 */
async function factsFor(db: Kysely<DB>, tenantId: string, runId: string, mode: WorkflowMode, rows: RecordRow[], limits: WorkflowReadLimits): Promise<ExecutionFacts[]> {
  if (mode === "trace") return buildExecutions("trace", rows.map(toRecord));
  const [all, ledger] = await Promise.all([executionRows(db, tenantId, runId, { mode, limit: MAX_WORKFLOW_NODES }), ledgerRecords(db, tenantId, runId, limits.ledgerEvents)]);
  const byId = new Map(buildExecutions("workflow", all.map(toRecord), ledger).map((facts) => [facts.execution_id, facts]));
  // An activation past the cap is still reported, without ledger lineage (only its span parent).
  return rows.map((row) => byId.get(executionId(row.trace_id, row.span_id)) ?? buildExecutions("workflow", [toRecord(row)])[0]!);
}

/** GET /executions/{id}: one execution by its span; null when unknown or not an execution (e.g. a Codon graph span). */
export async function getExecution(db: Kysely<DB>, tenantId: string, span: { traceId: string; spanId: string }, limits = DEFAULT_LIMITS): Promise<Execution | null> {
  const owner = await db
    .selectFrom("spans")
    .select("run_id")
    .where("tenant_id", "=", tenantId)
    .where("trace_id", "=", span.traceId)
    .where("span_id", "=", span.spanId)
    .executeTakeFirst();
  if (!owner) return null;
  const run = await getWorkflowRun(db, tenantId, owner.run_id);
  if (!run) return null;
  const mode = await workflowMode(db, tenantId, run);
  const [row] = await executionRows(db, tenantId, run.runId, { mode, limit: 1, span, payload: true });
  if (!row) return null;
  const [facts] = await factsFor(db, tenantId, run.runId, mode, [row], limits);
  return toExecution(run.runId, facts!, { input: row.input_text ?? null, output: row.output_text ?? null });
}
