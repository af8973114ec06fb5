import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { registerPublicKey, type SigningKey } from "@/collector/ledger/signing-key";
import { startPeriodic } from "@/collector/jobs/periodic";
import { markRunsWithNewEvents, runsToSeal, sealRun } from "@/collector/ledger/seal";
import { checkpointTenant, MAX_CHECKPOINT_LEAVES } from "@/collector/ledger/checkpoint";

const log = createLogger("ledger");
/** Runs sealed per tenant and pass; the rest wait for the next pass. */
const SEALS_PER_PASS = 200;

export interface LedgerJobOptions {
  key: SigningKey;
  /** How often finished runs are sealed (default 5 s). */
  sealIntervalMs?: number;
  /** How often seals are signed into a checkpoint (default 60 s). */
  checkpointIntervalMs?: number;
  firstPassMs?: number;
}

export interface LedgerJob {
  /** One pass now: marks runs with new events, seals the finished ones, and signs a checkpoint when one is due (or `checkpoint`). */
  pass(options?: { checkpoint?: boolean }): Promise<{ sealed: number; refused: number; checkpoints: number }>;
  close(): Promise<void>;
}

/**
 * Keeps every run's ledger chained and signed, in the background (never on the ingest path):
 * seals runs once they finish (and again when late events come), and signs each tenant's new
 * seals into a checkpoint. Safe on several collectors at once: a seal holds its chain's row lock,
 * a checkpoint the rows of the seals it signs.
 */
export function startLedgerChain(db: Kysely<DB>, options: LedgerJobOptions): LedgerJob {
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 60_000;
  let lastCheckpoint = Date.now();
  let registered = false;
  let forceCheckpoint = false;

  async function run(): Promise<{ sealed: number; refused: number; checkpoints: number }> {
    if (!registered) {
      await registerPublicKey(db, options.key);
      registered = true;
    }
    const force = forceCheckpoint;
    forceCheckpoint = false;
    const tenants = (await db.selectFrom("tenants").select("id").orderBy("id").execute()).map((row) => row.id);
    let sealed = 0;
    let refused = 0;
    for (const tenantId of tenants) {
      if (periodic.stopping()) break;
      await markRunsWithNewEvents(db, tenantId);
      for (const runId of await runsToSeal(db, tenantId, SEALS_PER_PASS)) {
        if (periodic.stopping()) break;
        const outcome = await sealRun(db, tenantId, runId);
        if (outcome === "sealed") sealed++;
        if (outcome === "refused") {
          refused++;
          log.warn("a sealed ledger changed: not resealed", { tenant: tenantId, run: runId });
        }
      }
    }
    let checkpoints = 0;
    if (force || Date.now() - lastCheckpoint >= checkpointIntervalMs) {
      lastCheckpoint = Date.now();
      for (const tenantId of tenants) {
        if (periodic.stopping()) break;
        for (;;) {
          const signed = await checkpointTenant(db, tenantId, options.key);
          if (signed === null) break;
          checkpoints++;
          if (signed.leafCount < MAX_CHECKPOINT_LEAVES) break;
        }
      }
    }
    return { sealed, refused, checkpoints };
  }

  const periodic = startPeriodic(run, {
    firstMs: options.firstPassMs ?? 3000,
    intervalMs: options.sealIntervalMs ?? 5000,
    failed: (error) => log.warn("sealing ledgers failed; will retry", { error: error.message }),
  });
  return {
    pass(passOptions = {}) {
      if (passOptions.checkpoint) forceCheckpoint = true;
      return periodic.now();
    },
    close: periodic.close,
  };
}
