import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RunDag } from "@/lib/runs/types";

// A large run's DAG costs a read of all its spans (usage beneath each node, parent links: see
// run-dag.ts), ~1 s at 100,000 spans. The inspector, the run page and its live refresh ask for the
// same DAG again and again while the run has not changed: it is kept, per database handle, under a
// stamp of everything it is built from (the run's row and its version's graph), and built again
// only once that stamp moves. Small runs are cheap to build and are not kept.

/** Runs with fewer spans are built every time. */
export const MEMO_MIN_SPANS = 5_000;
/** DAGs kept per database handle, least recently used dropped first. */
const MEMO_ENTRIES = 32;

const memos = new WeakMap<Kysely<DB>, Map<string, { stamp: string; dag: RunDag }>>();

const keyOf = (tenantId: string, runId: string) => `${tenantId}\u0000${runId}`;

/** The DAG kept for this run under this stamp (a copy: callers may change what they get), or null. */
export function recallDag(db: Kysely<DB>, tenantId: string, runId: string, stamp: string): RunDag | null {
  const memo = memos.get(db);
  const key = keyOf(tenantId, runId);
  const entry = memo?.get(key);
  if (!memo || !entry) return null;
  if (entry.stamp !== stamp) {
    memo.delete(key);
    return null;
  }
  // Most recently used last.
  memo.delete(key);
  memo.set(key, entry);
  return structuredClone(entry.dag);
}

export function rememberDag(db: Kysely<DB>, tenantId: string, runId: string, stamp: string, dag: RunDag): void {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  const key = keyOf(tenantId, runId);
  memo.delete(key);
  memo.set(key, { stamp, dag: structuredClone(dag) });
  while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
}
