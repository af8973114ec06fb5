import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { buildAsRanGraph, type AsRanLedgerInput, type AsRanSpanInput } from "@/lib/runs/as-it-ran/build";
import type { AsRanGraph } from "@/lib/runs/as-it-ran/types";
import { runsInProcess } from "@/lib/db/in-process";
import { jsonPage, readInPages } from "@/lib/db/json-pages";
import { spansAfter } from "@/lib/runs/queries/span-keyset";

/** Runs with fewer spans are built every time (cheap); larger ones are kept while unchanged. */
const KEEP_MIN_SPANS = 2_000;
/** Graphs kept per database handle, least recently used dropped first. */
const KEPT_ENTRIES = 16;
const kept = new WeakMap<Kysely<DB>, Map<string, { stamp: string; graph: AsRanGraph }>>();

/**
 * The run's as-it-ran graph, null for an unknown run. A large run's graph costs a read of all its
 * spans (~0.5 s at 10,000 on PGlite): opening it again, or the live refresh of a run that has not
 * moved, gets the one kept under the stamp of the run's row (every write to the run moves it).
 * What comes back is shared: callers serialize it and must not change it.
 */
export async function getRunAsRan(db: Kysely<DB>, tenantId: string, runId: string, maxActivations: number): Promise<AsRanGraph | null> {
  const run = await db
    .selectFrom("runs")
    .select([sql<string>`updated_at::text`.as("changed_at"), "span_count", "status"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  if (!run) return null;
  if (Number(run.span_count) < KEEP_MIN_SPANS) return getRunActivations(db, tenantId, runId, maxActivations);
  const stamp = JSON.stringify([run.changed_at, run.span_count, run.status, maxActivations]);
  let memo = kept.get(db);
  if (!memo) kept.set(db, (memo = new Map()));
  const key = `${tenantId}\u0000${runId}`;
  const entry = memo.get(key);
  memo.delete(key);
  if (entry?.stamp === stamp) {
    memo.set(key, entry);
    return entry.graph;
  }
  const graph = await getRunActivations(db, tenantId, runId, maxActivations);
  memo.set(key, { stamp, graph });
  while (memo.size > KEPT_ENTRIES) memo.delete(memo.keys().next().value!);
  return graph;
}

/**
 * The run's as-it-ran graph: every span narrowly (node spans are activations, the rest carry parent
 * links) and its token events, both read by the run's index (spans_run_idx, audit_events_run_idx):
 * on PGlite in pages of JSON with the event loop turning between them (lib/db/json-pages.ts), on
 * PostgreSQL in one query each. The caller has checked the run exists.
 */
export async function getRunActivations(db: Kysely<DB>, tenantId: string, runId: string, maxActivations: number, pageSize = runsInProcess(db) ? PGLITE_PAGE : Infinity): Promise<AsRanGraph> {
  // One query at a time: on PGlite (one connection) queries queue behind each other anyway.
  // Both reads are bounded, first by time (the graph keeps the first activations by start): a run
  // of millions of spans costs a bounded read, and the node spans past it are counted, not read.
  const paged = Number.isFinite(pageSize);
  const spans = paged
    ? await readInPages<SpanRow>(pageSize, MAX_SPANS_READ, (last, limit) =>
        jsonPage(db, spanRows(db, tenantId, runId, last).limit(limit), sql`p.start_time_unix_nano::int8, p.trace_id, p.span_id`),
      )
    : await spanRows(db, tenantId, runId, null).limit(MAX_SPANS_READ).execute();
  const events = paged
    ? await readInPages<EventRow>(pageSize, MAX_EVENTS_READ, (last, limit) => jsonPage(db, eventRows(db, tenantId, runId, last).limit(limit), sql`p.time_unix_nano::int8, p.id::int8`))
    : await eventRows(db, tenantId, runId, null).limit(MAX_EVENTS_READ).execute();
  const graph = buildAsRanGraph(spans.map(toSpanInput), events.map(toLedgerInput), { maxActivations });
  if (spans.length < MAX_SPANS_READ) return graph;
  const last = spans[spans.length - 1]!.start_time_unix_nano;
  const unread = await db
    .selectFrom("spans")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .where("start_time_unix_nano", ">", last)
    .where("node_name", "is not", null)
    .executeTakeFirstOrThrow();
  return { ...graph, omittedActivations: graph.omittedActivations + Number(unread.n) };
}

/** Spans and token events read at most: several times the activations drawn, for the spans between them. */
const MAX_SPANS_READ = 100_000;
const MAX_EVENTS_READ = 200_000;
/** Rows per query on PGlite, each page one JSON text (lib/db/json-pages.ts); PostgreSQL gets one query each. */
const PGLITE_PAGE = 10_000;

/** The run's spans by (start, trace id, span id), past `after`; int8 as text (JSON has no 64-bit integers). */
function spanRows(db: Kysely<DB>, tenantId: string, runId: string, after: SpanRow | null) {
  return db
    .selectFrom("spans")
    .select([
      "trace_id",
      "span_id",
      "parent_span_id",
      "node_name",
      sql<string>`start_time_unix_nano::text`.as("start_time_unix_nano"),
      sql<string>`end_time_unix_nano::text`.as("end_time_unix_nano"),
      "status_code",
      "input_tokens",
      "output_tokens",
      "cost_usd",
    ])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .$if(after !== null, (query) => query.where(spansAfter({ startNs: after!.start_time_unix_nano, traceId: after!.trace_id, spanId: after!.span_id })))
    .orderBy("spans.start_time_unix_nano")
    .orderBy("spans.trace_id")
    .orderBy("spans.span_id");
}

/** The run's token events by (time, id), past `after`; int8 as text. */
function eventRows(db: Kysely<DB>, tenantId: string, runId: string, after: EventRow | null) {
  return db
    .selectFrom("audit_events")
    .select([sql<string>`id::text`.as("id"), "event_type", sql<string>`time_unix_nano::text`.as("time_unix_nano"), "token_id", "parent_token_id", "source_node", "target_node", "span_id"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .where("event_type", "in", ["token_enqueued", "token_dequeued"])
    .$if(after !== null, (query) =>
      query
        .where(sql<boolean>`audit_events.time_unix_nano >= ${after!.time_unix_nano}::int8`)
        .where(sql<boolean>`(audit_events.time_unix_nano, audit_events.id) > (${after!.time_unix_nano}::int8, ${after!.id}::int8)`),
    )
    .orderBy("audit_events.time_unix_nano")
    .orderBy("audit_events.id");
}

/** Usage is text in a row from PostgreSQL, a number in one from a JSON page. */
type SpanRow = { trace_id: string; span_id: string; parent_span_id: string | null; node_name: string | null; start_time_unix_nano: string; end_time_unix_nano: string; status_code: AsRanSpanInput["status"]; input_tokens: string | number | null; output_tokens: string | number | null; cost_usd: string | number | null };

function toSpanInput(row: SpanRow): AsRanSpanInput {
  // The node span's usage as reported: when it repeats its LLM calls' (counts_usage false) it is still the activation's.
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    nodeName: row.node_name,
    startNs: row.start_time_unix_nano,
    endNs: row.end_time_unix_nano,
    status: row.status_code,
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    costUsd: Number(row.cost_usd ?? 0),
  };
}

type EventRow = { id: string; event_type: string; time_unix_nano: string; token_id: string | null; parent_token_id: string | null; source_node: string | null; target_node: string | null; span_id: string | null };

function toLedgerInput(row: EventRow): AsRanLedgerInput {
  return {
    type: row.event_type,
    timeNs: row.time_unix_nano,
    tokenId: row.token_id,
    parentTokenId: row.parent_token_id,
    sourceNode: row.source_node,
    targetNode: row.target_node,
    spanId: row.span_id,
  };
}
