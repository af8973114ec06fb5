import type { Transaction } from "kysely";
import { lockKeys, tryLockKeys } from "@/lib/db/advisory-locks";
import type { DB } from "@/lib/db/types";

// Writers take their transaction-scoped locks in one order: a tenant's prices (shared,
// lockTenantPrices), then its runs, then its versions, each kind's keys sorted (lockKeys). No two
// writers can then wait on each other in a circle. collector/README.md tells who takes which.

const runKey = (tenantId: string, runId: string) => `run\u001f${tenantId}\u001f${runId}`;

/** Held while a writer recomputes runs from their spans and events (ingest and repricing). */
export function lockRuns(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<void> {
  return lockKeys(trx, runIds.map((runId) => runKey(tenantId, runId)));
}

/** The same run locks, only those free (retention skips a run a writer holds); returns the runs locked. */
export async function tryLockRuns(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<string[]> {
  const held = await tryLockKeys(trx, runIds.map((runId) => runKey(tenantId, runId)));
  return runIds.filter((runId) => held.has(runKey(tenantId, runId)));
}

/** Held while a writer recomputes workload versions and merges their graphs; keys from `versionKeyOf`. */
export function lockVersions(trx: Transaction<DB>, tenantId: string, versionKeys: readonly string[]): Promise<void> {
  return lockKeys(trx, versionKeys.map((key) => `version\u001f${tenantId}\u001f${key}`));
}
