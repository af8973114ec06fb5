import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB, StaticGraph } from "@/lib/db/types";
import { buildTraceDag, buildWorkflowDag, type NamedEdgeCount, type TraceSpanNode } from "@/lib/runs/dag";
import { maxDagNodes } from "@/lib/runtime/dag-limit";
import { RUN_COLUMNS, toRunView } from "@/lib/runs/run-view";
import type { RunDag, RunView } from "@/lib/runs/types";
import { spanKey, type DagUsageSpan } from "@/lib/runs/usage-totals";
import { runGroups } from "@/lib/runs/queries/run-dag-groups";
import { MEMO_MIN_SPANS, keptRunDag } from "@/lib/runs/queries/run-dag-memo";
import { runsInProcess } from "@/lib/db/in-process";
import { jsonPage, readInPages } from "@/lib/db/json-pages";
import { spansAfter, type SpanKey } from "@/lib/runs/queries/span-keyset";

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
 * Spans one graph build reads at most, first by start: the build holds each in memory, so a run of
 * millions (a session id kept for months, or a hostile sender) costs a bounded read. Past it, node
 * totals are each node's own usage (the roll-ups, exact) and links between nodes come from the
 * spans read; `spansUnread` says how many were not.
 */
export const MAX_DAG_SPANS = 250_000;

export interface RunDagOptions {
  /** Nodes drawn at most (MAX_DAG_NODES by default). */
  maxNodes?: number;
  /** Spans read at most (MAX_DAG_SPANS by default). */
  maxSpans?: number;
  /** Wait for a graph built from the run as it is now, rather than take one kept from before (`graphAsOf`). */
  current?: boolean;
}

/**
 * The run with its DAG; null for an unknown run. Every query here reads one run's rows by index;
 * node and ledger groups come from the roll-ups ingest keeps.
 * A workflow of more than `maxNodes` distinct nodes is cut (MAX_DAG_NODES), as a long trace is.
 */
export async function getRunDag(db: Kysely<DB>, tenantId: string, runId: string, options: RunDagOptions = {}): Promise<RunDag | null> {
  const maxNodes = options.maxNodes ?? maxDagNodes();
  const limits = { maxNodes, maxSpans: options.maxSpans ?? MAX_DAG_SPANS };
  const row = await db
    .selectFrom("runs")
    .select([...RUN_COLUMNS, sql<string>`updated_at::text`.as("changed_at")])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  if (!row) return null;
  const run = toRunView(row);
  if (run.spanCount < MEMO_MIN_SPANS) return buildRunDag(db, tenantId, run, limits);
  // Every write to the run moves its updated_at; a ledger edge another run brings moves its version's.
  const versionChangedAt = run.workloadName && run.logicId ? await versionStamp(db, tenantId, run.workloadName, run.logicId) : null;
  const stamp = JSON.stringify([row.changed_at, run.spanCount, run.status, versionChangedAt]);
  return keptRunDag(db, tenantId, run, maxNodes, stamp, () => buildRunDag(db, tenantId, run, limits), options.current ?? false);
}

async function versionStamp(db: Kysely<DB>, tenantId: string, workloadName: string, logicId: string): Promise<string | null> {
  const row = await db
    .selectFrom("workload_versions")
    .select(sql<string>`updated_at::text`.as("changed_at"))
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .where("logic_id", "=", logicId)
    .executeTakeFirst();
  return row?.changed_at ?? null;
}

async function buildRunDag(db: Kysely<DB>, tenantId: string, run: RunView, { maxNodes, maxSpans }: { maxNodes: number; maxSpans: number }): Promise<RunDag> {
  const runId = run.runId;
  // One query at a time, not Promise.all: on PGlite (one connection) queries queue, and a health
  // check or another page's query then waits for one of them, not for all of a large run's.
  const { spanGroups, ledger } = await runGroups(db, tenantId, runId);
  const isWorkflow = spanGroups.some((group) => group.nodeName !== null) || ledger.length > 0;
  // Usage beneath each node follows parent links through every span of the run: the one read here
  // that grows with the run (see collector/store/dag-rollups.ts for what is folded at ingest), up to
  // maxSpans. A generic trace past the cut reads none: it uses them only for totals, which are then
  // its spans' own, and draws each span as a node.
  const { rows, unread } =
    !isWorkflow && run.spanCount > maxSpans ? { rows: [], unread: run.spanCount - maxSpans } : await boundedRunSpans(db, tenantId, run, maxSpans);
  // Past the cut, a subtree's usage would miss what lies beyond it: totals stay each node's own.
  const usage = usageOf(rows);
  const totalsFrom = unread > 0 ? undefined : usage;
  const redacted = unread > 0 ? await redactedInRun(db, tenantId, runId) : redactedValues(rows);
  if (!isWorkflow) {
    // A generic trace shows each span as a node, cut at the same limit (the timeline still has them all).
    const spans = await traceSpanNodes(db, tenantId, runId, maxNodes);
    const dag = buildTraceDag(spans, totalsFrom);
    return { run, ...dag, omittedNodes: Math.max(0, run.spanCount - spans.length), redactedValues: redacted, spansUnread: unread, graphAsOf: null };
  }
  const parentLinks = await nodeParentLinks(db, tenantId, rows, usage);
  const staticGraph = run.workloadName && run.logicId ? await versionGraph(db, tenantId, run.workloadName, run.logicId) : null;
  const dag = buildWorkflowDag({ runStatus: run.status, spanGroups, ledger, parentLinks, staticGraph, usage: totalsFrom }, maxNodes);
  return { run, ...dag, redactedValues: redacted, spansUnread: unread, graphAsOf: null };
}

/**
 * The run's spans, at most `maxSpans` of them (the first by start when it has more), and how many
 * were left unread. The run's span count (kept at ingest) says whether to cut; a run that grew past
 * the cut since its row was read is found by reading one span more, and read again in order.
 */
async function boundedRunSpans(db: Kysely<DB>, tenantId: string, run: RunView, maxSpans: number): Promise<{ rows: RunSpanRow[]; unread: number }> {
  if (run.spanCount <= maxSpans) {
    const rows = await runSpans(db, tenantId, run.runId, undefined, { max: maxSpans + 1 });
    if (rows.length <= maxSpans) return { rows, unread: 0 };
  }
  const rows = await runSpans(db, tenantId, run.runId, undefined, { max: maxSpans, ordered: true });
  return { rows, unread: Math.max(1, run.spanCount - rows.length) };
}

/** Values redacted in the run's spans, summed in the database: for a run too large to read whole. */
async function redactedInRun(db: Kysely<DB>, tenantId: string, runId: string): Promise<number> {
  const row = await db
    .selectFrom("spans")
    .select(sql<string | null>`sum(redacted_count)::text`.as("total"))
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Every span of the run, narrowly: enough to sum usage beneath each node and to link nodes by parent. */
export interface RunSpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  node_name: string | null;
  nodespec_id: string | null;
  counts_usage: boolean;
  /** Usage: text in a row from PostgreSQL, a number in one from a JSON page. */
  input_tokens: string | number | null;
  output_tokens: string | number | null;
  cost_usd: string | number | null;
  redacted_count: number;
}

/** Summed from the rows the DAG reads anyway: no extra query, and no roll-up to keep exact. */
function redactedValues(rows: readonly RunSpanRow[]): number {
  let total = 0;
  for (const row of rows) total += row.redacted_count;
  return total;
}

/** Spans per query on PGlite (~0.05 s of its thread each at 100,000 spans, as JSON); PostgreSQL gets one query. */
const PGLITE_SPAN_PAGE = 10_000;

/**
 * The run's spans. On PGlite, in pages by (start, trace id, span id) with a turn of the event loop
 * between them, so that no one query holds its thread and its one connection for the whole run;
 * each page comes as one JSON text, since PGlite turns each value of a result row into JavaScript
 * one by one (100,000 spans: ~1.2 s as rows, ~0.3 s as JSON). On PostgreSQL, which answers over a
 * socket, in one query of rows (paging there sorts the run once per page: twice the time). Only what
 * the DAG reads is sent: a named span's spec id, and a span's usage when it does not count, are
 * never used. Spans a page misses because they arrived during the read move the run's stamp, and the
 * next read builds again (run-dag-memo.ts).
 */
export async function runSpans(
  db: Kysely<DB>,
  tenantId: string,
  runId: string,
  pageSize = runsInProcess(db) ? PGLITE_SPAN_PAGE : Infinity,
  { max = Infinity, ordered = false }: { max?: number; ordered?: boolean } = {},
): Promise<RunSpanRow[]> {
  if (!Number.isFinite(pageSize)) {
    // Sorted only when cut (the first by start): sorting a whole run costs PostgreSQL as much again.
    const query = ordered ? spanColumns(db, tenantId, runId, null).orderBy("start_time_unix_nano").orderBy("trace_id").orderBy("span_id") : spanColumns(db, tenantId, runId, null);
    return (Number.isFinite(max) ? query.limit(max) : query).execute();
  }
  const rows = await readInPages<RunSpanRow & { start: string }>(pageSize, max, (last, limit) =>
    jsonPage(
      db,
      spanColumns(db, tenantId, runId, last && { startNs: last.start, traceId: last.trace_id, spanId: last.span_id })
        .orderBy("start_time_unix_nano")
        .orderBy("trace_id")
        .orderBy("span_id")
        .limit(limit),
      sql`p.start::int8, p.trace_id, p.span_id`,
    ),
  );
  return rows;
}

/** The run's spans as the DAG reads them, past `cursor` if given (a page's keyset). */
function spanColumns(db: Kysely<DB>, tenantId: string, runId: string, cursor: SpanKey | null) {
  return db
    .selectFrom("spans")
    .select([
      "trace_id",
      "span_id",
      "parent_span_id",
      "node_name",
      sql<string | null>`case when node_name is null then nodespec_id end`.as("nodespec_id"),
      "counts_usage",
      sql<string | null>`case when counts_usage then input_tokens end`.as("input_tokens"),
      sql<string | null>`case when counts_usage then output_tokens end`.as("output_tokens"),
      sql<string | null>`case when counts_usage then cost_usd end`.as("cost_usd"),
      "redacted_count",
      sql<string>`start_time_unix_nano::text`.as("start"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .$if(cursor !== null, (query) => query.where(spansAfter(cursor!)));
}

function usageOf(rows: readonly RunSpanRow[]): DagUsageSpan[] {
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

/**
 * Parent → child links between spans of different named nodes, from the run's spans already read
 * (`spans`: the same rows with their keys, made once in usageOf); parents outside the run (same trace, another run) are looked
 * up by primary key.
 */
async function nodeParentLinks(db: Kysely<DB>, tenantId: string, rows: readonly RunSpanRow[], spans: readonly DagUsageSpan[]): Promise<NamedEdgeCount[]> {
  const nameOf = new Map<string, string | null>();
  for (const span of spans) nameOf.set(span.key, span.nodeName);
  const outside = new Map<string, { trace_id: string; span_id: string }>();
  spans.forEach((span, i) => {
    if (span.nodeName === null || span.parentKey === null || nameOf.has(span.parentKey)) return;
    outside.set(span.parentKey, { trace_id: rows[i]!.trace_id, span_id: rows[i]!.parent_span_id! });
  });
  if (outside.size > 0) {
    const keys = [...outside.values()];
    const { rows } = await sql<{ trace_id: string; span_id: string; node_name: string | null }>`
      select s.trace_id, s.span_id, s.node_name from spans s
      join unnest(${keys.map((k) => k.trace_id)}::text[], ${keys.map((k) => k.span_id)}::text[]) as k(trace_id, span_id)
        on s.trace_id = k.trace_id and s.span_id = k.span_id
      where s.tenant_id = ${tenantId}`.execute(db);
    for (const row of rows) nameOf.set(spanKey(row.trace_id, row.span_id), row.node_name);
  }
  const counts = new Map<string, NamedEdgeCount>();
  for (const span of spans) {
    if (span.nodeName === null || span.parentKey === null) continue;
    const parent = nameOf.get(span.parentKey);
    if (parent === undefined || parent === null || parent === span.nodeName) continue;
    const key = `${parent}->${span.nodeName}`;
    const link = counts.get(key) ?? { source: parent, target: span.nodeName, count: 0 };
    link.count += 1;
    counts.set(key, link);
  }
  return [...counts.values()];
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
      "service_name",
      "start_time_unix_nano",
      "duration_ns",
      "status_code",
      "status_message",
      "input_tokens",
      "output_tokens",
      "cost_usd",
      "counts_usage",
      "attempt",
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
    service: row.service_name,
    startNs: row.start_time_unix_nano,
    durationNs: row.duration_ns,
    status: row.status_code,
    statusMessage: row.status_message,
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    costUsd: Number(row.cost_usd ?? 0),
    countsUsage: row.counts_usage,
    attempt: row.attempt,
  }));
}
