import type { JsonObject, Run, RunStatus } from "@/lib/db/types";
import { ENTRY_NODE } from "@/lib/runs/lineage";
import { fromUnits, toUnits } from "@/collector/store/decimal";
import type { FoldEvent, FoldSpan } from "@/collector/store/fold-rows";

/**
 * A run's figures as a fold over its rows: each batch adds the rows it inserted to the stored
 * aggregate, so ingest never rereads the run. Every part is a count, a sum, a min/max or a
 * "first by time" with a fixed tiebreak, so the result does not depend on the order or the
 * grouping of arrivals; re-delivered rows are never folded (the inserts return only new rows).
 * The rules are those of run-aggregates.ts (the whole-run statement repricing still uses):
 *
 * Status: failed once any span or node_failed event says so, unless every node that failed
 * succeeded on a later attempt (`retry`, read from the DAG's span groups); completed when the ledger shows
 * runtime_stopped or every enqueued token dequeued, when the root span of a trace-keyed run has
 * arrived, or when the last span ended before the idle cutoff; running otherwise.
 */

/** A value that the earliest row carrying one decides (ties: the smaller value). */
export interface FirstValue {
  value: string;
  atNs: string;
}

const IDENTITY_FIELDS = ["service_name", "workload_id", "workload_name", "workload_version", "workload_logic_id", "deployment_id"] as const;
type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** What no column of the runs row holds (stored as runs.aggregate_inputs). */
export interface RunInputs {
  identity: Partial<Record<IdentityField, FirstValue>>;
  spanErrors: number;
  failedNodes: number;
  namedNodes: number;
  ledgerNodes: number;
  spanError: FirstValue | null;
  ledgerError: FirstValue | null;
  stopped: boolean;
  enqueued: number;
  dequeued: number;
  rootArrived: boolean;
  /**
   * The run's nodes by their attempts, as its DAG roll-ups say after the batch (set, not added:
   * read afresh for runs with errors, store/run-retries.ts): nodes whose failures a later attempt
   * retried, and nodes (or errors of no node) that no attempt retried. Absent: none known.
   */
  retry?: RetryInputs;
}

export interface RetryInputs {
  retriedNodes: number;
  failingNodes: number;
}

export interface RunAggregate {
  traceId: string | null;
  startNs: bigint | null;
  endNs: bigint | null;
  spanCount: number;
  inputTokens: bigint;
  outputTokens: bigint;
  totalTokens: bigint;
  /** USD in units of 1e-10. */
  costUnits: bigint;
  inputs: RunInputs;
}

export const emptyRunAggregate = (): RunAggregate => ({
  traceId: null,
  startNs: null,
  endNs: null,
  spanCount: 0,
  inputTokens: 0n,
  outputTokens: 0n,
  totalTokens: 0n,
  costUnits: 0n,
  inputs: {
    identity: {},
    spanErrors: 0,
    failedNodes: 0,
    namedNodes: 0,
    ledgerNodes: 0,
    spanError: null,
    ledgerError: null,
    stopped: false,
    enqueued: 0,
    dequeued: 0,
    rootArrived: false,
  },
});

const earlier = (a: FirstValue | null | undefined, b: FirstValue): FirstValue => {
  if (!a) return b;
  const at = BigInt(a.atNs) - BigInt(b.atNs);
  if (at !== 0n) return at < 0n ? a : b;
  return a.value <= b.value ? a : b;
};
const min = (a: bigint | null, b: bigint) => (a === null || b < a ? b : a);
const max = (a: bigint | null, b: bigint) => (a === null || b > a ? b : a);
const int8 = (value: string | null) => (value === null ? 0n : BigInt(value));

/** Adds new spans to an aggregate, in place. Distinct node names are counted by the caller (`namedNodes`). */
export function foldSpans(aggregate: RunAggregate, spans: readonly FoldSpan[]): void {
  const inputs = aggregate.inputs;
  for (const span of spans) {
    aggregate.traceId = aggregate.traceId === null || span.trace_id < aggregate.traceId ? span.trace_id : aggregate.traceId;
    aggregate.startNs = min(aggregate.startNs, BigInt(span.start_time_unix_nano));
    aggregate.endNs = max(aggregate.endNs, BigInt(span.end_time_unix_nano));
    aggregate.spanCount += 1;
    for (const field of IDENTITY_FIELDS) {
      const value = span[field];
      if (value !== null) inputs.identity[field] = earlier(inputs.identity[field], { value, atNs: span.start_time_unix_nano });
    }
    if (span.counts_usage) {
      aggregate.inputTokens += int8(span.input_tokens);
      aggregate.outputTokens += int8(span.output_tokens);
      aggregate.totalTokens += int8(span.total_tokens);
      aggregate.costUnits += toUnits(span.cost_usd);
    }
    if (span.status_code === "error") {
      inputs.spanErrors += 1;
      inputs.spanError = earlier(inputs.spanError, { value: span.status_message ?? `${span.name} failed`, atNs: span.start_time_unix_nano });
    }
    if (span.is_trace_root) inputs.rootArrived = true;
  }
}

/** Adds new audit events to an aggregate, in place. Distinct ledger nodes are counted by the caller (`ledgerNodes`). */
export function foldEvents(aggregate: RunAggregate, events: readonly FoldEvent[]): void {
  const inputs = aggregate.inputs;
  for (const event of events) {
    const at = BigInt(event.time_unix_nano);
    aggregate.startNs = min(aggregate.startNs, at);
    aggregate.endNs = max(aggregate.endNs, at);
    if (event.event_type === "node_failed") {
      inputs.failedNodes += 1;
      const message = event.error ?? `node ${event.source_node ?? event.target_node ?? "?"} failed`;
      inputs.ledgerError = earlier(inputs.ledgerError, { value: message, atNs: event.time_unix_nano });
    } else if (event.event_type === "runtime_stopped") inputs.stopped = true;
    else if (event.event_type === "token_enqueued") inputs.enqueued += 1;
    else if (event.event_type === "token_dequeued") inputs.dequeued += 1;
  }
}

/** The ledger target a distinct-node count counts (the entry pseudo-node is not one). */
export const ledgerTarget = (event: FoldEvent): string | null =>
  event.target_node !== null && event.target_node !== ENTRY_NODE ? event.target_node : null;

/** The runs row's derived columns. */
export type RunColumns = Pick<
  Run,
  | "trace_id" | "service_name" | "workload_id" | "workload_name" | "workload_version" | "workload_logic_id" | "deployment_id"
  | "status" | "start_time_unix_nano" | "end_time_unix_nano" | "duration_ns" | "span_count" | "node_count" | "error_count"
  | "input_tokens" | "output_tokens" | "total_tokens" | "cost_usd" | "error_message" | "retried"
>;

/** Every failure was an attempt a later one retried, node by node (store/run-retries.ts). */
export function allRetried(inputs: RunInputs): boolean {
  const retry = inputs.retry;
  return retry !== undefined && retry.retriedNodes > 0 && retry.failingNodes === 0;
}

export function runColumns(aggregate: RunAggregate, idleCutoffNs: bigint): RunColumns {
  const { inputs } = aggregate;
  const start = aggregate.startNs ?? 0n;
  const end = aggregate.endNs ?? start;
  const errorCount = Math.max(inputs.spanErrors, inputs.failedNodes);
  // A generic trace has no workflow nodes: each span is a node of its DAG.
  const spanNodes = inputs.namedNodes > 0 ? inputs.namedNodes : aggregate.spanCount;
  let status: RunStatus = "running";
  if (errorCount > 0 && !allRetried(inputs)) status = "failed";
  else if (inputs.stopped || (inputs.enqueued > 0 && inputs.dequeued >= inputs.enqueued) || inputs.rootArrived || end < idleCutoffNs) {
    status = "completed";
  }
  const identity = (field: IdentityField) => inputs.identity[field]?.value ?? null;
  return {
    trace_id: aggregate.traceId,
    service_name: identity("service_name"),
    workload_id: identity("workload_id"),
    workload_name: identity("workload_name"),
    workload_version: identity("workload_version"),
    workload_logic_id: identity("workload_logic_id"),
    deployment_id: identity("deployment_id"),
    status,
    start_time_unix_nano: start.toString(),
    end_time_unix_nano: end.toString(),
    duration_ns: (end > start ? end - start : 0n).toString(),
    span_count: aggregate.spanCount,
    node_count: Math.max(spanNodes, inputs.ledgerNodes),
    error_count: errorCount,
    input_tokens: aggregate.inputTokens.toString(),
    output_tokens: aggregate.outputTokens.toString(),
    total_tokens: aggregate.totalTokens.toString(),
    cost_usd: fromUnits(aggregate.costUnits),
    error_message: inputs.spanError?.value ?? inputs.ledgerError?.value ?? null,
    retried: (inputs.retry?.retriedNodes ?? 0) > 0,
  };
}

/** The stored runs row back as an aggregate; null when it was never folded (stored before folds existed). */
export function aggregateOf(row: IdentityColumns & {
  trace_id: string | null;
  start_time_unix_nano: string;
  end_time_unix_nano: string;
  span_count: number;
  input_tokens: string;
  output_tokens: string;
  total_tokens: string;
  cost_usd: string;
  aggregate_inputs: JsonObject | null;
}): RunAggregate | null {
  const stored = row.aggregate_inputs;
  if (stored === null || (stored.version !== INPUTS_VERSION && stored.version !== 1)) return null;
  const inputs = stored.inputs as unknown as StoredRunInputs;
  return {
    traceId: row.trace_id,
    startNs: BigInt(row.start_time_unix_nano),
    endNs: BigInt(row.end_time_unix_nano),
    spanCount: row.span_count,
    inputTokens: BigInt(row.input_tokens),
    outputTokens: BigInt(row.output_tokens),
    totalTokens: BigInt(row.total_tokens),
    costUnits: toUnits(row.cost_usd),
    inputs: stored.version === 1 ? (inputs as RunInputs) : { ...emptyRunAggregate().inputs, ...withoutIdentityTimes(inputs), identity: identityOf(row, inputs.identityAt ?? {}) },
  };
}

// Bumped when RunInputs changes shape: rows of an unknown version are then folded afresh from their rows.
// Version 1 stored each identity value beside its time and every field; version 2 stores the
// identity's times only (below) and leaves out fields at their empty value (0, false, null).
const INPUTS_VERSION = 2;

type IdentityColumns = Pick<Run, IdentityField>;
/** When each identity value was seen: one time when all were seen together (the usual case), else per field. */
type IdentityTimes = string | Partial<Record<IdentityField, string>>;
type StoredRunInputs = Partial<Omit<RunInputs, "identity">> & { identity?: RunInputs["identity"]; identityAt?: IdentityTimes };

const withoutIdentityTimes = ({ identityAt: _identityAt, ...inputs }: StoredRunInputs): Partial<Omit<RunInputs, "identity">> => inputs;

// The identity values are the runs row's own columns (runColumns writes them from the identity),
// so the stored inputs keep only when each was seen: ~500 B less per run than value and time.
function identityOf(columns: IdentityColumns, times: IdentityTimes): RunInputs["identity"] {
  const identity: RunInputs["identity"] = {};
  for (const field of IDENTITY_FIELDS) {
    const value = columns[field];
    const atNs = typeof times === "string" ? times : times[field];
    if (value !== null && atNs !== undefined) identity[field] = { value, atNs };
  }
  return identity;
}

function identityTimes(identity: RunInputs["identity"]): IdentityTimes {
  const times: Partial<Record<IdentityField, string>> = {};
  for (const field of IDENTITY_FIELDS) if (identity[field]) times[field] = identity[field].atNs;
  // A field without a value has a null column, so one time can stand for all that have one.
  const distinct = new Set(Object.values(times));
  return distinct.size === 1 ? [...distinct][0]! : times;
}

export const storedInputs = (aggregate: RunAggregate): JsonObject => {
  const { identity, ...inputs } = aggregate.inputs;
  const stored: Record<string, unknown> = { identityAt: identityTimes(identity) };
  // Most runs hold most fields at their empty value: left out, ~150 B less per run.
  for (const [field, value] of Object.entries(inputs)) if (value !== 0 && value !== false && value !== null && value !== undefined) stored[field] = value;
  return { version: INPUTS_VERSION, inputs: stored as JsonObject };
};
