// A run's ledger prepared for replay: each event's effect on a queue, and the queues' contents
// every `checkpointEvery` events, so any step's queues cost at most that many deltas to reach.
import type { LedgerEvent } from "@/lib/runs/types";
import { QueueOp } from "@/lib/runs/replay/ops";
import { QueueState, type QueueSnapshot } from "@/lib/runs/replay/queue-state";

export { QueueOp };

export const DEFAULT_CHECKPOINT_EVERY = 256;

export interface ReplayModel {
  readonly events: readonly LedgerEvent[];
  /** The nodes tokens were enqueued for, in order of their first enqueue. */
  readonly queues: readonly string[];
  /** Per event: its QueueOp. */
  readonly ops: Uint8Array;
  /** Per enqueue or dequeue: its queue (index into `queues`); -1 otherwise. */
  readonly queueOf: Int32Array;
  /** Per matched dequeue: the index of the enqueue it takes off the queue; per enqueue: itself; -1 otherwise. */
  readonly entryOf: Int32Array;
  /** Per enqueue: the index of the dequeue that took it, -1 if it was still waiting at the end; -1 otherwise. */
  readonly takenAt: Int32Array;
  /** Per event: milliseconds since the first event (NaN when its time does not parse). */
  readonly offsetMs: Float64Array;
  readonly checkpointEvery: number;
  /** `checkpoints[c]`: every queue's contents after the first `c * checkpointEvery` events. */
  readonly checkpoints: readonly QueueSnapshot[];
}

const ENQUEUED = "token_enqueued";
const DEQUEUED = "token_dequeued";

/**
 * One pass pairs each dequeue with the earliest still-waiting enqueue of the same token for the same
 * node; a second replays the deltas once to take the checkpoints. O(n) time; the checkpoints hold
 * the waiting tokens at every K-th event.
 */
export function buildReplayModel(events: readonly LedgerEvent[], checkpointEvery = DEFAULT_CHECKPOINT_EVERY): ReplayModel {
  const n = events.length;
  const every = Math.max(1, Math.floor(checkpointEvery));
  const ops = new Uint8Array(n);
  const queueOf = new Int32Array(n).fill(-1);
  const entryOf = new Int32Array(n).fill(-1);
  const takenAt = new Int32Array(n).fill(-1);
  const queues: string[] = [];
  const queueIndex = new Map<string, number>();
  // Per (node, token): the indices of its enqueues not yet dequeued, oldest first from `head`.
  const waiting = new Map<string, { items: number[]; head: number }>();

  for (let i = 0; i < n; i++) {
    const event = events[i]!;
    const target = event.targetNode;
    if (target === null || (event.eventType !== ENQUEUED && event.eventType !== DEQUEUED)) continue;
    const key = `${target}\u0000${event.tokenId ?? ""}`;
    if (event.eventType === ENQUEUED) {
      let q = queueIndex.get(target);
      if (q === undefined) {
        q = queues.push(target) - 1;
        queueIndex.set(target, q);
      }
      ops[i] = QueueOp.Enqueue;
      queueOf[i] = q;
      entryOf[i] = i;
      const list = waiting.get(key);
      if (list) list.items.push(i);
      else waiting.set(key, { items: [i], head: 0 });
      continue;
    }
    const list = waiting.get(key);
    if (!list || list.head >= list.items.length) {
      ops[i] = QueueOp.UnmatchedDequeue;
      continue;
    }
    const entry = list.items[list.head++]!;
    ops[i] = QueueOp.Dequeue;
    queueOf[i] = queueOf[entry]!;
    entryOf[i] = entry;
    takenAt[entry] = i;
  }

  const model = { events, queues, ops, queueOf, entryOf, takenAt, offsetMs: offsets(events), checkpointEvery: every, checkpoints: [] as QueueSnapshot[] };
  const state = new QueueState(queues.length);
  model.checkpoints.push(state.snapshot());
  for (let i = 0; i < n; i++) {
    state.apply(model, i);
    if ((i + 1) % every === 0) model.checkpoints.push(state.snapshot());
  }
  return model;
}

function offsets(events: readonly LedgerEvent[]): Float64Array {
  const out = new Float64Array(events.length);
  const first = events[0] ? nanos(events[0]) : null;
  events.forEach((event, i) => {
    const ns = nanos(event);
    out[i] = ns === null || first === null ? Number.NaN : Number(ns - first) / 1e6;
  });
  return out;
}

function nanos(event: LedgerEvent): bigint | null {
  try {
    return BigInt(event.timeUnixNano);
  } catch {
    const ms = Date.parse(event.timestamp);
    return Number.isNaN(ms) ? null : BigInt(ms) * 1_000_000n;
  }
}
