import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RunChangeHub, WatchedRun } from "@/lib/runtime/run-changes";

// Every write to a run (spans, ledger, repricing, the idle rule) recomputes its row in `runs` and
// so moves its updated_at: reading that column for the watched runs tells which changed. One query
// per poll serves every live stream (however many, however many runs); nothing runs while no run
// is watched.

/** Primary-key reads per statement. */
const CHUNK = 500;

export interface RunChangePollerOptions {
  hub: RunChangeHub;
  db: () => Kysely<DB> | null;
  intervalMs?: number;
  /** The first failure of a streak (the database is down); polling goes on. */
  onError?: (error: Error) => void;
}

export interface RunChangePoller {
  /** Starts polling (idempotent); called when the hub starts watching runs. */
  start(): void;
  stop(): void;
  /** One poll now (tests; the timer calls the same). */
  poll(): Promise<void>;
}

/** updated_at of each watched run that exists, as text (full precision), by `tenant\u001frun`. */
export async function readRunStamps(db: Kysely<DB>, runs: readonly WatchedRun[]): Promise<Map<string, string>> {
  const stamps = new Map<string, string>();
  for (let i = 0; i < runs.length; i += CHUNK) {
    const chunk = runs.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom("runs")
      .select(["tenant_id", "run_id", sql<string>`updated_at::text`.as("stamp")])
      .where(({ eb, refTuple, tuple }) => eb(refTuple("tenant_id", "run_id"), "in", chunk.map((run) => tuple(run.tenantId, run.runId))))
      .execute();
    for (const row of rows) stamps.set(`${row.tenant_id}\u001f${row.run_id}`, row.stamp);
  }
  return stamps;
}

/**
 * Publishes to the hub the watched runs another process changed (and, once, those first seen
 * since they were watched: their views may have read before that write).
 */
export function createRunChangePoller(options: RunChangePollerOptions): RunChangePoller {
  const { hub, intervalMs = 2000 } = options;
  let timer: ReturnType<typeof setInterval> | null = null;
  let polling = false;
  let failing = false;
  let known = new Map<string, string | null>();

  async function poll(): Promise<void> {
    const db = options.db();
    if (polling || !db) return;
    polling = true;
    try {
      const watched = hub.watchedRuns();
      const stamps = watched.length > 0 ? await readRunStamps(db, watched) : new Map<string, string>();
      const next = new Map<string, string | null>();
      const changed = new Map<string, string[]>();
      for (const run of watched) {
        const key = `${run.tenantId}\u001f${run.runId}`;
        const stamp = stamps.get(key) ?? null;
        next.set(key, stamp);
        const before = known.get(key);
        if (stamp !== null && stamp !== before) changed.set(run.tenantId, [...(changed.get(run.tenantId) ?? []), run.runId]);
      }
      known = next;
      failing = false;
      for (const [tenantId, runIds] of changed) hub.publish({ tenantId, runIds });
    } catch (error) {
      if (!failing) options.onError?.(error as Error);
      failing = true;
    } finally {
      polling = false;
    }
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void poll(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      known = new Map();
    },
    poll,
  };
}
