import { onlyRunningAt } from "@/lib/agentfield/running-at";
import { ENTRY_NODE } from "@/lib/runs/lineage";

/** One node activation of a Codon run (a node span). */
export interface Activation {
  /** Its execution id. */
  id: string;
  nodeName: string;
  traceId: string;
  spanId: string;
  startNs: string;
  endNs: string;
  /** The execution of its parent span when that span is another activation of the run (LangGraph nests them). */
  spanParentId: string | null;
}

/** An audit event, as far as lineage needs it. */
export interface LedgerRecord {
  eventType: string;
  tokenId: string | null;
  parentTokenId: string | null;
  sourceNode: string | null;
  targetNode: string | null;
  /** The span the event was recorded in, when the exporter said (OTLP log records and span events do). */
  traceId: string | null;
  spanId: string | null;
  timeNs: string;
  /** What a `node_failed` event says went wrong; null otherwise. */
  error: string | null;
}

export interface Lineage {
  /** The execution that emitted the token this one consumed; null for an entry token or when nothing says. */
  parentId: string | null;
  /** The token this activation consumed, when the ledger says. */
  tokenId: string | null;
  /**
   * Where that token's dequeue stands in the ledger: the order the runtime ran activations in,
   * which breaks ties between spans that started in the same clock tick (SDK clocks are often ms).
   */
  order: number | null;
}

/** Clock slack when matching ledger times (often whole milliseconds) against span times (nanoseconds). */
const SLACK_NS = 1_000_000n;

const spanKey = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Which activation fed which, from the audit ledger (`ledger` in the order events happened).
 *
 * 1. The token an activation consumed: the `node_completed` / `node_failed` event recorded in its
 *    span; else, node by node, the k-th `token_dequeued` for the node pairs with its k-th
 *    activation in start order (the runtime dequeues a token right before running it; spans and
 *    ledger both arrive in order), as long as the dequeue did not come after the activation ended.
 * 2. The activation that emitted a token: none for an entry token (`__entry__`); else the one
 *    whose span the `token_enqueued` event was recorded in; else the one that consumed the
 *    token's parent token; else the emitting node's only activation, or the only one of its
 *    activations running when the token was enqueued.
 *
 * Without a consumed token, an activation's parent span (when it is another activation) stands
 * in; when neither says, the parent is null. Cycles (a node running several times), fan-out (one
 * activation emitting several tokens) and entry tokens all fall out of the token ids.
 */
export function deriveLineage(activations: readonly Activation[], ledger: readonly LedgerRecord[]): Map<string, Lineage> {
  const bySpan = new Map(activations.map((a) => [spanKey(a.traceId, a.spanId), a]));
  const byNode = new Map<string, Activation[]>();
  for (const activation of [...activations].sort(byStart)) push(byNode, activation.nodeName, activation);
  const runningLookups = new Map<string, (at: bigint) => Activation | null>();
  const onlyRunning = (node: string, candidates: readonly Activation[], at: bigint): Activation | null => {
    let lookup = runningLookups.get(node);
    if (!lookup) runningLookups.set(node, (lookup = onlyRunningAt(candidates, SLACK_NS)));
    return lookup(at);
  };

  const consumed = new Map<string, string>(); // activation id -> token id
  const consumer = new Map<string, Activation>(); // token id -> activation
  const assign = (activation: Activation, tokenId: string) => {
    if (consumed.has(activation.id) || consumer.has(tokenId)) return;
    consumed.set(activation.id, tokenId);
    consumer.set(tokenId, activation);
  };

  for (const event of ledger) {
    if ((event.eventType !== "node_completed" && event.eventType !== "node_failed") || !event.tokenId || !event.traceId || !event.spanId) continue;
    const activation = bySpan.get(spanKey(event.traceId, event.spanId));
    if (activation) assign(activation, event.tokenId);
  }

  const dequeues = new Map<string, LedgerRecord[]>();
  const enqueued = new Map<string, LedgerRecord>();
  const dequeued = new Map<string, LedgerRecord>();
  const dequeueOrder = new Map<string, number>();
  for (const [position, event] of ledger.entries()) {
    if (!event.tokenId) continue;
    if (event.eventType === "token_enqueued" && !enqueued.has(event.tokenId)) enqueued.set(event.tokenId, event);
    if (event.eventType === "token_dequeued" && !dequeued.has(event.tokenId)) {
      dequeued.set(event.tokenId, event);
      dequeueOrder.set(event.tokenId, position);
      if (event.targetNode) push(dequeues, event.targetNode, event);
    }
  }
  for (const [node, list] of byNode) {
    const tokens = (dequeues.get(node) ?? []).filter((event) => !consumer.has(event.tokenId!));
    const waiting = list.filter((activation) => !consumed.has(activation.id));
    for (let i = 0; i < Math.min(tokens.length, waiting.length); i++) {
      const event = tokens[i]!;
      const activation = waiting[i]!;
      // A dequeue after the activation ended cannot be its own: the ledger has a gap, stop guessing.
      if (BigInt(event.timeNs) > BigInt(activation.endNs) + SLACK_NS) break;
      assign(activation, event.tokenId!);
    }
  }

  const emitter = (tokenId: string): Activation | null | "entry" => {
    const enqueue = enqueued.get(tokenId);
    const dequeue = dequeued.get(tokenId);
    const source = enqueue?.sourceNode ?? dequeue?.sourceNode ?? null;
    if (source === ENTRY_NODE) return "entry";
    if (enqueue?.traceId && enqueue.spanId) {
      const activation = bySpan.get(spanKey(enqueue.traceId, enqueue.spanId));
      if (activation) return activation;
    }
    const parentToken = enqueue?.parentTokenId ?? dequeue?.parentTokenId ?? null;
    const viaParent = parentToken ? consumer.get(parentToken) : undefined;
    if (viaParent && (source === null || viaParent.nodeName === source)) return viaParent;
    if (source === null) return null;
    const candidates = byNode.get(source) ?? [];
    if (candidates.length === 1) return candidates[0]!;
    if (!enqueue) return null;
    return onlyRunning(source, candidates, BigInt(enqueue.timeNs));
  };

  const result = new Map<string, Lineage>();
  for (const activation of activations) {
    const tokenId = consumed.get(activation.id) ?? null;
    const source = tokenId ? emitter(tokenId) : null;
    let parentId: string | null;
    if (source === "entry") parentId = null;
    else parentId = source?.id ?? activation.spanParentId;
    result.set(activation.id, { parentId: parentId === activation.id ? null : parentId, tokenId, order: tokenId === null ? null : (dequeueOrder.get(tokenId) ?? null) });
  }
  return result;
}

function byStart(a: Activation, b: Activation): number {
  const x = BigInt(a.startNs);
  const y = BigInt(b.startNs);
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
