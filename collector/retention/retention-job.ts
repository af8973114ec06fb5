import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { retentionCutoffNs } from "@/lib/retention/policy";
import { listTenantRetention } from "@/lib/retention/queries";
import { deleteExpiredRuns } from "@/collector/store/retention";
import { startPeriodic } from "@/collector/jobs/periodic";

const log = createLogger("retention");

export interface Retention {
  /** One pass now: every tenant's expired runs, a batch per tenant in turns, until none is left. */
  sweep(): Promise<{ deletedRuns: number }>;
  /** Stops after the current batch; the rest is removed on a later pass. */
  close(): Promise<void>;
}

export interface RetentionOptions {
  /** RETENTION_DAYS: what a tenant without its own setting keeps (0: everything). */
  defaultDays: number;
  /** Between passes; a new setting takes effect within one. */
  intervalMs?: number;
  /** Before the first pass: start-up has enough to do. */
  firstPassMs?: number;
  /** Runs per transaction: bounds how long one batch holds its locks. */
  batchSize?: number;
  /** Rest after each batch, as a multiple of the time it took (default 3). */
  restRatio?: number;
  nowMs?: () => number;
  tenantChanged?: (tenantId: string, runIds: string[]) => void;
}

/**
 * Removes runs past each tenant's retention in the background, in bounded batches (oldest
 * first), so a pass costs what it deletes, not what the tables hold. Tenants take turns, one
 * batch each; a pass ends by itself when no tenant has an expired run left.
 */
export function startRetention(db: Kysely<DB>, options: RetentionOptions): Retention {
  const batchSize = options.batchSize ?? 100;
  const restRatio = options.restRatio ?? 3;
  const nowMs = options.nowMs ?? Date.now;

  async function pass(): Promise<{ deletedRuns: number }> {
    let deletedRuns = 0;
    let deletedLogRecords = 0;
    let deletedMetricPoints = 0;
    const now = nowMs();
    let pending = (await listTenantRetention(db, options.defaultDays))
      .map((tenant) => ({ tenantId: tenant.tenantId, cutoffNs: retentionCutoffNs(tenant.days, now) }))
      .filter((tenant): tenant is { tenantId: string; cutoffNs: bigint } => tenant.cutoffNs !== null);
    while (pending.length > 0 && !periodic.stopping()) {
      const next: typeof pending = [];
      for (const tenant of pending) {
        if (periodic.stopping()) break;
        const started = performance.now();
        const batch = await deleteExpiredRuns(db, tenant.tenantId, tenant.cutoffNs, batchSize);
        deletedRuns += batch.deletedRuns.length;
        deletedLogRecords += batch.deletedLogRecords;
        deletedMetricPoints += batch.deletedMetricPoints;
        if (batch.deletedRuns.length > 0) options.tenantChanged?.(tenant.tenantId, batch.deletedRuns);
        if (batch.more) next.push(tenant);
        // Rests three times as long as the batch took: retention holds at most a quarter of the
        // database's time (PGlite runs every statement on this one thread); a day still goes in minutes.
        await new Promise<void>((resolve) => setTimeout(resolve, (performance.now() - started) * restRatio));
      }
      pending = next;
    }
    if (deletedRuns > 0 || deletedLogRecords > 0 || deletedMetricPoints > 0) {
      log.info("removed runs, log records and metric points past retention", { runs: deletedRuns, logRecords: deletedLogRecords, metricPoints: deletedMetricPoints });
    }
    return { deletedRuns };
  }

  const periodic = startPeriodic(pass, {
    firstMs: options.firstPassMs ?? 30_000,
    intervalMs: options.intervalMs ?? 10 * 60_000,
    failed: (error) => log.warn("removing runs past retention failed; will retry", { error: error.message }),
  });
  return { sweep: periodic.now, close: periodic.close };
}
