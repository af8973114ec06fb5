import "server-only";
import { intervalsByStart } from "@/lib/runs/intervals";
import { spansAfter } from "@/lib/runs/queries/span-keyset";
import { sql, type Kysely } from "kysely";
import type { DB, Span } from "@/lib/db/types";
import { nsToIso, nsToMs, toNumber } from "@/lib/runs/run-view";
import type { LedgerEvent, NodeDetail, NodeSpecView, SpanDetail, SpanSummary } from "@/lib/runs/types";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { attributesWithColumns } from "@/lib/db/column-attributes";
import { attributesWithSpec, hasSpecAttributes, type SpecValues } from "@/lib/db/spec-attributes";

export interface SpanCursor {
  startNs: string;
  traceId: string;
  spanId: string;
}

const SUMMARY_COLUMNS = [
  "trace_id",
  "span_id",
  "parent_span_id",
  "name",
  "node_name",
  "start_time_unix_nano",
  "end_time_unix_nano",
  "duration_ns",
  "status_code",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "model_name",
] as const;

type SummaryRow = Pick<Span, (typeof SUMMARY_COLUMNS)[number]>;

function toSpanSummary(row: SummaryRow): SpanSummary {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    nodeName: row.node_name,
    startTimeUnixNano: row.start_time_unix_nano,
    endTimeUnixNano: row.end_time_unix_nano,
    durationMs: nsToMs(row.duration_ns),
    status: row.status_code,
    inputTokens: toNumber(row.input_tokens),
    outputTokens: toNumber(row.output_tokens),
    costUsd: toNumber(row.cost_usd),
    modelName: row.model_name,
  };
}

type StoredSpecs = ReadonlyMap<string, SpecValues>;

/** The node specs the rows left attributes out for (lib/db/spec-attributes.ts), by nodespec id. */
async function storedSpecs(db: Kysely<DB>, tenantId: string, rows: readonly Span[]): Promise<StoredSpecs> {
  const ids = [...new Set(rows.filter((row) => row.nodespec_id !== null && hasSpecAttributes(row.column_attributes)).map((row) => row.nodespec_id!))];
  if (ids.length === 0) return new Map();
  const specs = await db
    .selectFrom("node_specs")
    .select(["nodespec_id", "spec_version", "callable_signature", "input_schema", "output_schema", "model_name", "model_version"])
    .where("tenant_id", "=", tenantId)
    .where("nodespec_id", "in", ids)
    .execute();
  return new Map(specs.map((spec) => [spec.nodespec_id, spec]));
}

/**
 * The attributes as received: the collector stores an attribute holding the input or output
 * text once, in its text column, identity attributes once, in theirs, and the node spec's
 * attributes once, in node_specs.
 */
function storedAttributes(row: Span, specs: StoredSpecs): Span["attributes"] {
  const withSpec = row.nodespec_id === null ? row.attributes : attributesWithSpec(row.attributes, row.column_attributes, specs.get(row.nodespec_id));
  const besideColumns = attributesWithColumns(withSpec, row.column_attributes, row);
  if (row.input_attribute === null && row.output_attribute === null) return besideColumns;
  const attributes = besideColumns === row.attributes ? { ...row.attributes } : besideColumns;
  if (row.input_attribute !== null && row.input_text !== null) attributes[row.input_attribute] = row.input_text;
  if (row.output_attribute !== null && row.output_text !== null) attributes[row.output_attribute] = row.output_text;
  return attributes;
}

function toSpanDetail(row: Span, specs: StoredSpecs): SpanDetail {
  return {
    ...toSpanSummary(row),
    kind: row.kind,
    statusMessage: row.status_message,
    attempt: row.attempt,
    serviceName: row.service_name,
    nodeRole: row.node_role,
    nodespecId: row.nodespec_id,
    modelVendor: row.model_vendor,
    requestModel: row.request_model,
    totalTokens: toNumber(row.total_tokens),
    cacheReadTokens: toNumber(row.cache_read_tokens),
    cacheWriteTokens: toNumber(row.cache_write_tokens),
    reasoningTokens: toNumber(row.reasoning_tokens),
    countsUsage: row.counts_usage,
    redactedCount: row.redacted_count,
    input: row.input_text,
    output: row.output_text,
    attributes: storedAttributes(row, specs),
    resourceAttributes: row.resource_attributes,
    events: row.events,
    links: row.links,
  };
}

export interface SpanPage<T> {
  spans: T[];
  nextCursor: SpanCursor | null;
}

/** A page of a run's spans in start order (spans_run_idx); `full` adds attributes, events and payloads. */
export async function listRunSpans(
  db: Kysely<DB>,
  tenantId: string,
  runId: string,
  options: { full: boolean; limit: number; cursor: SpanCursor | null; nodeName?: string },
): Promise<SpanPage<SpanSummary | SpanDetail>> {
  let query = db.selectFrom("spans").where("tenant_id", "=", tenantId).where("run_id", "=", runId);
  if (options.nodeName) query = query.where("node_name", "=", options.nodeName);
  if (options.cursor) query = query.where(spansAfter(options.cursor));
  const ordered = (q: typeof query) =>
    q.orderBy("start_time_unix_nano").orderBy("trace_id").orderBy("span_id").limit(options.limit + 1);
  const rows: (SummaryRow | Span)[] = options.full
    ? await ordered(query).selectAll().execute()
    : await ordered(query).select(SUMMARY_COLUMNS).execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const specs = options.full ? await storedSpecs(db, tenantId, page as Span[]) : new Map();
  return {
    spans: page.map((row) => (options.full ? toSpanDetail(row as Span, specs) : toSpanSummary(row))),
    nextCursor: rows.length > options.limit && last ? { startNs: last.start_time_unix_nano, traceId: last.trace_id, spanId: last.span_id } : null,
  };
}

export interface LedgerCursor {
  timeNs: string;
  id: string;
}

/** A run's audit events in the order they happened (audit_events_run_idx). */
export async function listRunLedger(
  db: Kysely<DB>,
  tenantId: string,
  runId: string,
  options: { limit: number; cursor: LedgerCursor | null },
): Promise<{ events: LedgerEvent[]; nextCursor: LedgerCursor | null }> {
  let query = db
    .selectFrom("audit_events")
    .select(["id", "event_type", "time_unix_nano", "token_id", "parent_token_id", "source_node", "target_node", "lineage", "metadata"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId);
  if (options.cursor) {
    query = query.where(sql<boolean>`(time_unix_nano, id) > (${options.cursor.timeNs}::int8, ${options.cursor.id}::int8)`);
  }
  const rows = await query.orderBy("time_unix_nano").orderBy("id").limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({
      id: row.id,
      eventType: row.event_type,
      timestamp: nsToIso(row.time_unix_nano),
      timeUnixNano: row.time_unix_nano,
      tokenId: row.token_id,
      parentTokenId: row.parent_token_id,
      sourceNode: row.source_node,
      targetNode: row.target_node,
      lineage: Array.isArray(row.lineage) ? row.lineage.filter((item): item is string => typeof item === "string") : [],
      metadata: row.metadata,
    })),
    nextCursor: rows.length > options.limit && last ? { timeNs: last.time_unix_nano, id: last.id } : null,
  };
}

export const MAX_NODE_ACTIVATIONS = 500;
/** LLM calls read at most to add up the usage of the activations shown: one long activation's time can hold a whole run's. */
export const MAX_CALLS_FOLDED = 20_000;

/**
 * One node of a run for the inspector: its DAG figures, its spec, and each activation with the
 * usage of the calls made inside it. For a generic trace the node id is a span id.
 */
export async function getRunNode(db: Kysely<DB>, tenantId: string, runId: string, nodeId: string, maxCalls = MAX_CALLS_FOLDED): Promise<NodeDetail | null> {
  let dag = await getRunDag(db, tenantId, runId);
  // A node newer than the graph kept for a changing run: the graph as the run is now has it.
  if (dag?.graphAsOf && !dag.nodes.some((candidate) => candidate.id === nodeId)) dag = await getRunDag(db, tenantId, runId, { current: true });
  const node = dag?.nodes.find((candidate) => candidate.id === nodeId);
  if (!dag || !node) return null;
  const isSpanNode = !dag.nodes.some((candidate) => candidate.id === candidate.name) && /^[0-9a-f]{16}$/.test(nodeId);
  let activationQuery = db.selectFrom("spans").selectAll().where("tenant_id", "=", tenantId).where("run_id", "=", runId);
  if (!isSpanNode) activationQuery = activationQuery.where("node_name", "=", node.name);
  else if (node.activations > 1) {
    // A span node standing for a retried step (lib/runs/trace-attempts.ts): its attempts are its
    // siblings of the same name, all of which the DAG merged into it.
    const own = await db.selectFrom("spans").select(["parent_span_id", "name"]).where("tenant_id", "=", tenantId).where("run_id", "=", runId).where("span_id", "=", nodeId).executeTakeFirst();
    if (!own) return null;
    activationQuery = activationQuery.where("name", "=", own.name);
    activationQuery = own.parent_span_id === null ? activationQuery.where("parent_span_id", "is", null) : activationQuery.where("parent_span_id", "=", own.parent_span_id);
  } else activationQuery = activationQuery.where("span_id", "=", nodeId);
  const rows = await activationQuery.orderBy("start_time_unix_nano").limit(MAX_NODE_ACTIVATIONS).execute();
  const specs = await storedSpecs(db, tenantId, rows);
  const activations = rows.map((row) => toSpanDetail(row, specs));
  const callUsageCut = node.nodespecId !== null && !isSpanNode && (await foldCallUsage(db, tenantId, runId, node.nodespecId, activations, maxCalls));
  return { node, spec: node.nodespecId ? await getNodeSpec(db, tenantId, node.nodespecId) : null, activations, callUsageCut };
}

/**
 * Adds to each activation the usage of the LLM calls made inside it (same nodespec id, no node name):
 * the call's parent when that is an activation shown, else the first activation (by start) whose
 * time holds the call's start. Only calls within the shown activations' time are read: a loop node
 * of a long run has a call for each of thousands of activations, and only MAX_NODE_ACTIVATIONS of
 * them are shown. At most `maxCalls`, the first by start (one long activation can hold all of a
 * run's calls); true when there were more.
 */
async function foldCallUsage(db: Kysely<DB>, tenantId: string, runId: string, nodespecId: string, activations: SpanDetail[], maxCalls: number): Promise<boolean> {
  if (activations.length === 0) return false;
  // Shown in start order (getRunNode reads them so).
  const spans = intervalsByStart(activations.map((a) => ({ start: BigInt(a.startTimeUnixNano), end: BigInt(a.endTimeUnixNano) })));
  const calls = await db
    .selectFrom("spans")
    .select(["trace_id", "parent_span_id", "start_time_unix_nano", "input_tokens", "output_tokens", "cost_usd", "counts_usage", "model_name"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .where("start_time_unix_nano", ">=", spans.first.toString())
    .where("start_time_unix_nano", "<=", spans.last.toString())
    .where("nodespec_id", "=", nodespecId)
    .where("node_name", "is", null)
    .orderBy("start_time_unix_nano")
    .limit(maxCalls + 1)
    .execute();
  const cut = calls.length > maxCalls;
  if (cut) calls.length = maxCalls;
  const bySpan = new Map<string, SpanDetail>();
  for (const a of activations) if (!bySpan.has(`${a.traceId}/${a.spanId}`)) bySpan.set(`${a.traceId}/${a.spanId}`, a);
  for (const call of calls) {
    const holding = bySpan.has(`${call.trace_id}/${call.parent_span_id}`) ? -1 : spans.firstHolding(BigInt(call.start_time_unix_nano));
    const owner = holding < 0 ? bySpan.get(`${call.trace_id}/${call.parent_span_id}`) : activations[holding];
    if (!owner) continue;
    owner.modelName ??= call.model_name;
    if (!call.counts_usage) continue;
    owner.inputTokens = (owner.inputTokens ?? 0) + Number(call.input_tokens ?? 0);
    owner.outputTokens = (owner.outputTokens ?? 0) + Number(call.output_tokens ?? 0);
    owner.costUsd = (owner.costUsd ?? 0) + Number(call.cost_usd ?? 0);
  }
  return cut;
}


export async function getNodeSpec(db: Kysely<DB>, tenantId: string, nodespecId: string): Promise<NodeSpecView | null> {
  const row = await db
    .selectFrom("node_specs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("nodespec_id", "=", nodespecId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    nodespecId: row.nodespec_id,
    name: row.name,
    role: row.role,
    specVersion: row.spec_version,
    orgNamespace: row.org_namespace,
    callableSignature: row.callable_signature,
    inputSchema: row.input_schema,
    outputSchema: row.output_schema,
    modelName: row.model_name,
    modelVersion: row.model_version,
  };
}
