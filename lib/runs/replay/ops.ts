/** What a ledger event does to the queues (tokens enqueued for a node and not yet dequeued by it). */
export const QueueOp = {
  None: 0,
  Enqueue: 1,
  Dequeue: 2,
  /** A dequeue with no earlier enqueue of that token for that node (an event lost or out of order). */
  UnmatchedDequeue: 3,
} as const;
export type QueueOp = (typeof QueueOp)[keyof typeof QueueOp];
