import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RunDag, RunView } from "@/lib/runs/types";
import { createLogger } from "@/lib/runtime/log";
import { concurrencyLimit } from "@/lib/runtime/concurrency-limit";

// A large run's DAG costs a read of all its spans (usage beneath each node, parent links: see
// run-dag.ts), ~1 s at 100,000 spans on PostgreSQL and ~3 s on PGlite. It is kept, per database
// handle, under a stamp of everything it is built from (the run's row and its version's graph).
//
// While the stamp holds, the kept DAG is served as it is. Once it moves (the run gained rows), a
// read does not wait for a new build: it gets the kept graph with the run's current header and
// `graphAsOf` saying how old the graph is, and one build starts in the background. A run that
// keeps growing is therefore rebuilt at most once per twice its last build time (a third of the
// database's time at most, for one run), however often its page refreshes, and no read waits on it.
// Only a run with nothing kept yet (the first read) waits for its build.

/** Runs with fewer spans are built every time. */
export const MEMO_MIN_SPANS = 5_000;
/** DAGs kept per database handle, least recently used dropped first. */
const MEMO_ENTRIES = 32;
/**
 * Builds running at once per database handle, first reads and background builds alike: each holds
 * up to MAX_DAG_SPANS of a run's spans, so the first views of many large runs at once take turns
 * rather than hold them all. The rest wait in the order they came.
 */
export const MAX_CONCURRENT_BUILDS = 2;
/** A failed background build is tried again no sooner than this. */
const RETRY_AFTER_FAILURE_MS = 1_000;

const log = createLogger("run-dag");

interface Kept {
  stamp: string;
  dag: RunDag;
  /** When the build that made it started reading (ms since the epoch): the graph holds what was stored then. */
  readAt: number;
  /** No background build before this (ms since the epoch). */
  nextBuildAt: number;
}

interface Memo {
  kept: Map<string, Kept>;
  building: Map<string, Promise<Kept>>;
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

const KEY = Symbol.for("codon-observatory.run-dag-memo");
type WithMemos = typeof globalThis & { [KEY]?: WeakMap<Kysely<DB>, Memo> };

/** One per process (on globalThis: Next bundles the run page and each API route apart, and they share what is kept). */
function memos(): WeakMap<Kysely<DB>, Memo> {
  const holder = globalThis as WithMemos;
  holder[KEY] ??= new WeakMap();
  return holder[KEY];
}

const keyOf = (tenantId: string, runId: string, maxNodes: number) => `${tenantId}\u0000${runId}\u0000${maxNodes}`;

function memoOf(db: Kysely<DB>): Memo {
  let memo = memos().get(db);
  if (!memo) memos().set(db, (memo = { kept: new Map(), building: new Map(), limit: concurrencyLimit(MAX_CONCURRENT_BUILDS) }));
  return memo;
}

function keep(memo: Memo, key: string, kept: Kept): void {
  memo.kept.delete(key);
  memo.kept.set(key, kept);
  while (memo.kept.size > MEMO_ENTRIES) memo.kept.delete(memo.kept.keys().next().value!);
}

/** One build per run at a time: a second caller shares the first one's. */
function buildOnce(memo: Memo, key: string, stamp: string, build: () => Promise<RunDag>): Promise<Kept> {
  const running = memo.building.get(key);
  if (running) return running;
  let readAt = 0;
  let started = 0;
  const promise = memo
    .limit(() => {
      // Timed from when its turn comes: the graph holds what was stored then.
      readAt = Date.now();
      started = performance.now();
      return build();
    })
    .then((dag) => {
      const buildMs = performance.now() - started;
      const kept: Kept = { stamp, dag: structuredClone(dag), readAt, nextBuildAt: Date.now() + 2 * buildMs };
      keep(memo, key, kept);
      return kept;
    })
    .finally(() => memo.building.delete(key));
  memo.building.set(key, promise);
  return promise;
}

/**
 * The run's DAG: the kept one when `stamp` still holds; when it moved, the kept graph with the
 * run's current header and `graphAsOf` set while a new one is built; built now only when nothing
 * is kept, or when the caller waits for the current one (`waitForCurrent`: a comparison, a node
 * the kept graph does not have yet). Callers get a copy they may change.
 */
export async function keptRunDag(db: Kysely<DB>, tenantId: string, run: RunView, maxNodes: number, stamp: string, build: () => Promise<RunDag>, waitForCurrent = false): Promise<RunDag> {
  const memo = memoOf(db);
  const key = keyOf(tenantId, run.runId, maxNodes);
  const kept = memo.kept.get(key);
  if (kept?.stamp === stamp) {
    keep(memo, key, kept);
    return structuredClone(kept.dag);
  }
  if (!kept || waitForCurrent) {
    let built = await buildOnce(memo, key, stamp, build);
    // Joined a build that started before the run changed again: one more, for this stamp.
    if (waitForCurrent && built.stamp !== stamp) built = await buildOnce(memo, key, stamp, build);
    return built.stamp === stamp ? structuredClone(built.dag) : behind(built, run);
  }
  const now = Date.now();
  // A background build starts only while a slot is free: it never queues ahead of a first view.
  if (!memo.building.has(key) && now >= kept.nextBuildAt && memo.building.size < MAX_CONCURRENT_BUILDS) {
    buildOnce(memo, key, stamp, build).catch((error: unknown) => {
      kept.nextBuildAt = Date.now() + RETRY_AFTER_FAILURE_MS;
      log.warn("a run's DAG could not be built again; the last one is served", { tenantId, runId: run.runId, error: error instanceof Error ? error.message : String(error) });
    });
  }
  return behind(kept, run);
}

/** The kept graph under the run's current header, saying when the graph was read. */
function behind(kept: Kept, run: RunView): RunDag {
  return { ...structuredClone(kept.dag), run, graphAsOf: new Date(kept.readAt).toISOString() };
}

/** Resolves once every build under way on this handle has ended (tests and shutdown). */
export async function dagBuildsSettled(db: Kysely<DB>): Promise<void> {
  const memo = memos().get(db);
  if (memo) await Promise.allSettled([...memo.building.values()]);
}
