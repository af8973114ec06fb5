// The queues at one point of a replay: per queue, the indices of its waiting enqueues, ascending.
// Moving one event forward or back touches one queue: O(log s) to find the place, plus the splice.
import { QueueOp } from "@/lib/runs/replay/ops";

/** Every queue's waiting enqueues (event indices, ascending), frozen at one point. */
export type QueueSnapshot = readonly Int32Array[];

/** The per-event deltas a ReplayModel holds (model.ts), named here so the two files do not import each other. */
interface Deltas {
  readonly ops: Uint8Array;
  readonly queueOf: Int32Array;
  readonly entryOf: Int32Array;
}

const EMPTY = new Int32Array(0);

export class QueueState {
  private readonly lists: number[][];

  constructor(queueCount: number, from?: QueueSnapshot) {
    this.lists = Array.from({ length: queueCount }, (_, q) => (from?.[q] ? Array.from(from[q]) : []));
  }

  /** Event `i` happens (the state held the first `i` events). */
  apply(model: Deltas, i: number): void {
    const op = model.ops[i];
    if (op === QueueOp.Enqueue) this.lists[model.queueOf[i]!]!.push(i);
    else if (op === QueueOp.Dequeue) remove(this.lists[model.queueOf[i]!]!, model.entryOf[i]!);
  }

  /** Event `i` un-happens (the state held the first `i + 1` events). */
  undo(model: Deltas, i: number): void {
    const op = model.ops[i];
    // Enqueued after everything else still waiting there, so it is the last.
    if (op === QueueOp.Enqueue) this.lists[model.queueOf[i]!]!.pop();
    else if (op === QueueOp.Dequeue) insert(this.lists[model.queueOf[i]!]!, model.entryOf[i]!);
  }

  /** The waiting enqueues of queue `q`, oldest first. */
  list(q: number): readonly number[] {
    return this.lists[q] ?? [];
  }

  snapshot(): QueueSnapshot {
    return this.lists.map((list) => (list.length === 0 ? EMPTY : Int32Array.from(list)));
  }
}

/** The first position in `list` (ascending) whose value is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function remove(list: number[], value: number): void {
  const at = lowerBound(list, value);
  if (list[at] === value) list.splice(at, 1);
}

function insert(list: number[], value: number): void {
  list.splice(lowerBound(list, value), 0, value);
}
