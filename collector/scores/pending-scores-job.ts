import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { startPeriodic } from "@/collector/jobs/periodic";
import { resolvePendingScores } from "@/collector/store/insert-scores";

const log = createLogger("scores");

export interface PendingScoresJob {
  /** One pass now: returns how many waiting scores found their run. */
  pass(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Gives scores that arrived before their trace's spans (evaluation log records that named only
 * their trace) their run, every few seconds in the background. Passes are idempotent, so
 * several collectors may run them at once without a lease.
 */
export function startPendingScores(db: Kysely<DB>, options: { intervalMs?: number; firstPassMs?: number } = {}): PendingScoresJob {
  const periodic = startPeriodic(
    async () => {
      const resolved = await resolvePendingScores(db);
      if (resolved > 0) log.info("scores matched to their runs", { resolved });
      return resolved;
    },
    {
      firstMs: options.firstPassMs ?? 2000,
      intervalMs: options.intervalMs ?? 5000,
      failed: (error) => log.warn("matching scores to their runs failed; will retry", { error: error.message }),
    },
  );
  return { pass: periodic.now, close: periodic.close };
}
