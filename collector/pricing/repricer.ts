import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import {
  claimRepriceJob,
  failRepriceJob,
  otherTenantWaiting,
  requeueRepriceJob,
  runRepriceJob,
  type RepricePosition,
  type RepriceProgress,
} from "@/collector/store/reprice";

const log = createLogger("repricer");
/** How long shutdown waits for the batch in flight. */
const CLOSE_WAIT_MS = 5000;
/** A job's turn: past it, the job yields to another tenant's waiting job and resumes later. */
const DEFAULT_TURN_MS = 2000;
/** Where this process's preempted jobs stopped; bounded (a job forgotten here restarts from its start). */
const MAX_REMEMBERED_POSITIONS = 1000;

export interface Repricer {
  /** Looks for work now rather than at the next poll (a price just changed). */
  wake(): void;
  /** Stops after the current batch; an unfinished job goes back to the queue. */
  close(): Promise<void>;
  /** Resolves when no job is queued or running here (tests and shutdown). */
  idle(): Promise<void>;
}

export interface RepricerOptions {
  tenantChanged?: (tenantId: string, runIds: string[]) => void;
  idleCutoffNs: () => bigint;
  /** Jobs may be queued by another process (a second dashboard on the same PostgreSQL). */
  pollMs?: number;
  batchSize?: number;
  /** A job's turn before it yields to another tenant's job (default 2 s). */
  turnMs?: number;
}

/**
 * Runs repricing jobs one at a time in the background: price changes and the one-off pricing of
 * spans stored before pricing existed. Jobs live in the database, so a restart resumes them.
 */
export function startRepricer(db: Kysely<DB>, options: RepricerOptions): Repricer {
  const pollMs = options.pollMs ?? 5000;
  let closing = false;
  let working: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const turnMs = options.turnMs ?? DEFAULT_TURN_MS;
  // Tenants in the order they were last served (least recent first): the next claim prefers the others.
  const served: string[] = [];
  const positions = new Map<string, RepricePosition>();
  const noteServed = (tenantId: string) => {
    const at = served.indexOf(tenantId);
    if (at >= 0) served.splice(at, 1);
    served.push(tenantId);
    if (served.length > MAX_REMEMBERED_POSITIONS) served.shift();
  };

  async function drainQueue(): Promise<void> {
    for (;;) {
      const job = await claimRepriceJob(db, served);
      if (!job || closing) {
        if (job) await requeueRepriceJob(db, String(job.id));
        return;
      }
      const jobId = String(job.id);
      noteServed(job.tenant_id);
      const started = Date.now();
      const resumeFrom = positions.get(jobId);
      positions.delete(jobId);
      log.info(resumeFrom ? "repricing, resumed" : "repricing", { job: jobId, reason: job.reason });
      try {
        const outcome = await runRepriceJob(db, job, {
          batchSize: options.batchSize ?? 500,
          idleCutoffNs: options.idleCutoffNs,
          // The turn ends only when another tenant is waiting: alone, a job runs to its end.
          stopping: async () => closing || (Date.now() - started >= turnMs && (await otherTenantWaiting(db, job.tenant_id))),
          ...(resumeFrom ? { resumeFrom } : {}),
          onBatch: (progress: RepriceProgress) => {
            if (progress.changedRuns.length > 0) options.tenantChanged?.(job.tenant_id, progress.changedRuns);
          },
        });
        if (!outcome.finished) {
          if (positions.size < MAX_REMEMBERED_POSITIONS) positions.set(jobId, outcome.position);
          await requeueRepriceJob(db, jobId);
          if (closing) return;
          log.info("repricing yields its turn to another tenant", { job: jobId, ms: Date.now() - started });
          continue;
        }
        log.info("repriced", { job: jobId, ms: Date.now() - started });
      } catch (error) {
        const message = (error as Error).message;
        log.error("repricing failed", { job: String(job.id), error: message });
        await failRepriceJob(db, String(job.id), message).catch(() => {});
      }
    }
  }

  function kick(): void {
    if (closing) return;
    if (working) {
      again = true;
      return;
    }
    working = drainQueue()
      .catch((error: unknown) => log.warn("looking for repricing jobs failed; will retry", { error: (error as Error).message }))
      .finally(() => {
        working = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  // The first look waits one interval: start-up has enough to do, and price changes made in this
  // process wake the worker at once anyway.
  timer = setInterval(kick, pollMs);
  timer.unref();

  return {
    wake: kick,
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      // A query stuck on a dead connection must not hold shutdown; the job is resumed later.
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([working, new Promise<void>((resolve) => (timeout = setTimeout(resolve, CLOSE_WAIT_MS)))]);
      clearTimeout(timeout);
    },
    async idle() {
      while (working) await working;
    },
  };
}
