import { ENTRY_NODE } from "@/lib/runs/lineage";
import type { Activation, AsRanEdge, AsRanEdgeSource, AsRanGraph } from "@/lib/runs/as-it-ran/types";
import { findSegments } from "@/lib/runs/as-it-ran/segments";
import { inferTimeEdges } from "@/lib/runs/as-it-ran/time-edges";

/** One span of the run, narrowly: node spans become activations, the rest only carry parent links. */
export interface AsRanSpanInput {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  nodeName: string | null;
  startNs: string;
  endNs: string;
  status: "unset" | "ok" | "error";
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** One ledger event, narrowly (token events matter; others are ignored). */
export interface AsRanLedgerInput {
  type: string;
  timeNs: string;
  tokenId: string | null;
  parentTokenId: string | null;
  sourceNode: string | null;
  targetNode: string | null;
  /** The span the event was recorded in, when the sender said. */
  spanId: string | null;
}

export interface AsRanOptions {
  /** Activations kept, first by start; the rest are counted in `omittedActivations`. */
  maxActivations: number;
  /** Chains of at least this many activations are returned as segments. */
  minSegmentSteps: number;
}

export const MAX_AS_RAN_ACTIVATIONS = 10_000;
export const MIN_SEGMENT_STEPS = 8;
const DEFAULTS: AsRanOptions = { maxActivations: MAX_AS_RAN_ACTIVATIONS, minSegmentSteps: MIN_SEGMENT_STEPS };

interface Working extends Activation {
  start: bigint;
  end: bigint;
  parentKey: string | null;
}

const key = (traceId: string, spanId: string) => `${traceId}\u0000${spanId}`;

/**
 * Activations and token edges of one run, O((S + E) log S) in spans and ledger events. Edges, by
 * trust: ledger tokens (emitter → consumer), then span parents for activations the ledger does
 * not reach, then, only for a run without a ledger, order in time.
 */
export function buildAsRanGraph(spans: readonly AsRanSpanInput[], ledger: readonly AsRanLedgerInput[], options: Partial<AsRanOptions> = {}): AsRanGraph {
  const { maxActivations, minSegmentSteps } = { ...DEFAULTS, ...options };
  const tokenEvents = ledger.filter((e) => e.type === "token_enqueued" || e.type === "token_dequeued");
  const all = collectActivations(spans, tokenEvents);
  const kept = all.slice(0, maxActivations);
  numberPerNode(kept);

  const index = new Map<string, number>(kept.map((a, i) => [a.id, i]));
  const byNode = groupByNode(kept);
  const edges = new EdgeSet();
  linkByLedger(kept, byNode, tokenEvents, edges);
  linkByParent(kept, spans, index, edges);
  if (tokenEvents.length === 0) {
    for (const [source, target] of inferTimeEdges(kept, edges.hasIncoming)) edges.add(kept[source]!.id, kept[target]!.id, "time", null);
  }

  const segments = findSegments(
    kept.map((a) => a.id),
    edges.list,
    minSegmentSteps,
  );
  for (const segment of segments) for (const id of segment.activationIds) kept[index.get(id)!]!.segmentId = segment.id;
  return { activations: kept.map(toActivation), edges: edges.list, segments, omittedActivations: all.length - kept.length };
}

function collectActivations(spans: readonly AsRanSpanInput[], tokenEvents: readonly AsRanLedgerInput[]): Working[] {
  const activations: Working[] = [];
  const spanNodes = new Set<string>();
  for (const span of spans) {
    if (span.nodeName === null) continue;
    spanNodes.add(span.nodeName);
    const start = BigInt(span.startNs);
    const end = BigInt(span.endNs);
    activations.push({
      id: span.spanId,
      nodeName: span.nodeName,
      seq: 0,
      traceId: span.traceId,
      spanId: span.spanId,
      startNs: span.startNs,
      endNs: span.endNs,
      durationMs: Number(end - start) / 1e6,
      status: span.status === "error" ? "failed" : "completed",
      inputTokens: span.inputTokens,
      outputTokens: span.outputTokens,
      costUsd: span.costUsd,
      segmentId: null,
      start,
      end,
      parentKey: span.parentSpanId === null ? null : key(span.traceId, span.parentSpanId),
    });
  }
  // A node the ledger knows and no span does (a ledger posted alone): one activation per token it took.
  const ledgerOnly = new Map<string, number>();
  for (const event of tokenEvents) {
    const node = event.targetNode;
    if (event.type !== "token_dequeued" || node === null || node === ENTRY_NODE || spanNodes.has(node)) continue;
    const n = (ledgerOnly.get(node) ?? 0) + 1;
    ledgerOnly.set(node, n);
    const at = BigInt(event.timeNs);
    activations.push({
      id: `ledger:${node}:${n}`,
      nodeName: node,
      seq: 0,
      traceId: null,
      spanId: null,
      startNs: event.timeNs,
      endNs: event.timeNs,
      durationMs: 0,
      status: "completed",
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      segmentId: null,
      start: at,
      end: at,
      parentKey: null,
    });
  }
  activations.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return activations;
}

function numberPerNode(activations: Working[]): void {
  const seen = new Map<string, number>();
  for (const a of activations) {
    const n = (seen.get(a.nodeName) ?? 0) + 1;
    seen.set(a.nodeName, n);
    a.seq = n;
  }
}

/** Each node's activations (indexes into the kept list), in start order. */
function groupByNode(activations: readonly Working[]): Map<string, number[]> {
  const byNode = new Map<string, number[]>();
  activations.forEach((a, i) => {
    const list = byNode.get(a.nodeName);
    if (list) list.push(i);
    else byNode.set(a.nodeName, [i]);
  });
  return byNode;
}

/** The last of `list` (indexes in start order) that started at or before `at`, or -1. */
function lastStartedBy(activations: readonly Working[], list: readonly number[], at: bigint): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (activations[list[mid]!]!.start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A token taken at `at`: the activation running then, else the next to start (the runtime dequeues just before it runs). */
function consumerAt(activations: readonly Working[], list: readonly number[], at: bigint): number | null {
  const k = lastStartedBy(activations, list, at);
  if (k >= 0 && activations[list[k]!]!.end >= at) return list[k]!;
  // None left to start: the one that took it was cut, or has not reported yet.
  return k + 1 < list.length ? list[k + 1]! : null;
}

/** A token sent at `at`: the activation running then, or the last to start before it. */
function emitterAt(activations: readonly Working[], list: readonly number[], at: bigint): number | null {
  const k = lastStartedBy(activations, list, at);
  return k >= 0 ? list[k]! : (list[0] ?? null);
}

function linkByLedger(activations: readonly Working[], byNode: ReadonlyMap<string, number[]>, events: readonly AsRanLedgerInput[], edges: EdgeSet): void {
  const bySpan = new Map<string, number>();
  activations.forEach((a, i) => {
    if (a.spanId !== null) bySpan.set(a.spanId, i);
  });
  // Who took each token (per target: one token may be queued for several nodes).
  const consumer = new Map<string, number>();
  const consumerOfToken = new Map<string, number>();
  for (const e of events) {
    if (e.type !== "token_dequeued" || e.tokenId === null || e.targetNode === null) continue;
    const list = byNode.get(e.targetNode);
    if (!list) continue;
    // By time only: a dequeue is recorded before its activation's span opens, so the span it names
    // (if any) is another activation's, the sender's in a self-loop.
    const at = consumerAt(activations, list, BigInt(e.timeNs));
    if (at === null) continue;
    consumer.set(`${e.tokenId}\u0000${e.targetNode}`, at);
    consumerOfToken.set(e.tokenId, at);
  }
  for (const e of events) {
    if (e.type !== "token_enqueued" || e.tokenId === null || e.targetNode === null || e.sourceNode === null || e.sourceNode === ENTRY_NODE) continue;
    const to = consumer.get(`${e.tokenId}\u0000${e.targetNode}`);
    const list = byNode.get(e.sourceNode);
    if (to === undefined || !list) continue;
    const from = emitterOf(activations, list, e, bySpan, consumerOfToken);
    if (from !== null && from !== to) edges.add(activations[from]!.id, activations[to]!.id, "ledger", e.tokenId);
  }
}

/** Exact when the event names its span or its parent token's consumer; else by time on the source node. */
function emitterOf(
  activations: readonly Working[],
  list: readonly number[],
  e: AsRanLedgerInput,
  bySpan: ReadonlyMap<string, number>,
  consumerOfToken: ReadonlyMap<string, number>,
): number | null {
  const named = e.spanId === null ? undefined : bySpan.get(e.spanId);
  if (named !== undefined && activations[named]!.nodeName === e.sourceNode) return named;
  const parent = e.parentTokenId === null ? undefined : consumerOfToken.get(e.parentTokenId);
  if (parent !== undefined && activations[parent]!.nodeName === e.sourceNode) return parent;
  return emitterAt(activations, list, BigInt(e.timeNs));
}

/** An activation nothing reached yet follows its nearest ancestor span that is an activation. */
function linkByParent(activations: readonly Working[], spans: readonly AsRanSpanInput[], index: ReadonlyMap<string, number>, edges: EdgeSet): void {
  const parentOf = new Map<string, string | null>();
  for (const s of spans) parentOf.set(key(s.traceId, s.spanId), s.parentSpanId === null ? null : key(s.traceId, s.parentSpanId));
  const activationAt = new Map<string, number>();
  for (const a of activations) if (a.traceId !== null && a.spanId !== null) activationAt.set(key(a.traceId, a.spanId), index.get(a.id)!);
  for (const a of activations) {
    if (a.parentKey === null || edges.hasIncoming(a.id)) continue;
    // Bounded walk: cycles and missing parents end it.
    let at: string | null = a.parentKey;
    for (let hops = 0; at !== null && hops < 64; hops++) {
      const found = activationAt.get(at);
      if (found !== undefined) {
        if (activations[found]!.id !== a.id) edges.add(activations[found]!.id, a.id, "parent", null);
        break;
      }
      at = parentOf.get(at) ?? null;
    }
  }
}

class EdgeSet {
  readonly list: AsRanEdge[] = [];
  private readonly pairs = new Set<string>();
  private readonly reached = new Set<string>();
  readonly hasIncoming = (id: string): boolean => this.reached.has(id);

  add(source: string, target: string, kind: AsRanEdgeSource, tokenId: string | null): void {
    const pair = `${source}\u0000${target}`;
    if (this.pairs.has(pair)) return;
    this.pairs.add(pair);
    this.reached.add(target);
    this.list.push({ id: `${source}->${target}`, source, target, kind, tokenId });
  }
}

function toActivation(a: Working): Activation {
  return {
    id: a.id,
    nodeName: a.nodeName,
    seq: a.seq,
    traceId: a.traceId,
    spanId: a.spanId,
    startNs: a.startNs,
    endNs: a.endNs,
    durationMs: a.durationMs,
    status: a.status,
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    costUsd: a.costUsd,
    segmentId: a.segmentId,
  };
}
