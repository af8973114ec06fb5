// Where a replay stands: the queues after a given event, reached from the current position or the
// nearest checkpoint, whichever is fewer deltas away. A step costs one delta; a seek at most
// `checkpointEvery` deltas plus copying one checkpoint.
import type { ReplayModel } from "@/lib/runs/replay/model";
import { QueueState } from "@/lib/runs/replay/queue-state";

export interface QueueEntry {
  /** The enqueue event's index. */
  index: number;
  tokenId: string | null;
}

/** One node's queue at a step: how many tokens wait, and the oldest of them. */
export interface QueueView {
  node: string;
  size: number;
  entries: QueueEntry[];
}

export class ReplayCursor {
  private state: QueueState;
  /** How many events the state holds: event `applied - 1` is the current one. */
  private applied = 0;
  /** Deltas applied or undone so far: what a move cost, for tests. */
  work = 0;

  constructor(readonly model: ReplayModel) {
    this.state = new QueueState(model.queues.length, model.checkpoints[0]);
  }

  /** The current event's index; -1 before the first. */
  get index(): number {
    return this.applied - 1;
  }

  /** Moves to just after event `index` happened (clamped to the ledger; -1 is before the first). */
  seek(index: number): this {
    const { events, checkpointEvery, checkpoints } = this.model;
    const count = Math.min(events.length, Math.max(0, Math.floor(index) + 1));
    const distance = Math.abs(count - this.applied);
    // A checkpoint is nearer: copy it and walk from there (a single step never copies).
    if (distance > 1 && distance > count % checkpointEvery) {
      const c = Math.floor(count / checkpointEvery);
      this.state = new QueueState(this.model.queues.length, checkpoints[c]);
      this.applied = c * checkpointEvery;
    }
    for (; this.applied < count; this.applied++, this.work++) this.state.apply(this.model, this.applied);
    for (; this.applied > count; this.work++) this.state.undo(this.model, --this.applied);
    return this;
  }

  /** Every queue (in order of its first enqueue) with at most `limit` of its oldest waiting tokens. */
  queues(limit = Number.POSITIVE_INFINITY): QueueView[] {
    const { events, queues } = this.model;
    return queues.map((node, q) => {
      const list = this.state.list(q);
      const shown = list.length > limit ? list.slice(0, limit) : list;
      return { node, size: list.length, entries: shown.map((index) => ({ index, tokenId: events[index]!.tokenId })) };
    });
  }
}
