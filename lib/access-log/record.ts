import "server-only";
import type { Kysely, Transaction } from "kysely";
import { inTransaction } from "@/lib/db/transaction";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { appendAccessEntry, type AccessActor, type NewAccessEntry } from "@/lib/access-log/append";

const log = createLogger("access-log");

/**
 * The entry's target and details, once the write's result is known; `actor` when only the write
 * tells who acted (a new account joining). null: the write changed nothing, so nothing is recorded.
 */
export type EntryOf<T> = (result: T) => (Pick<NewAccessEntry, "target" | "details"> & { actor?: AccessActor }) | null;

/**
 * Runs a write and appends its entry in one transaction: the action and its record commit
 * together, exactly once. Only the database failing can fail the pair; the entry's values are
 * bounded before the insert (bounds.ts), so its data cannot.
 */
export function recordedWrite<T>(db: Kysely<DB>, base: Omit<NewAccessEntry, "target" | "details">, work: (trx: Transaction<DB>) => Promise<T>, entryOf: EntryOf<T>): Promise<T> {
  return inTransaction(db, async (trx) => {
    const result = await work(trx);
    const entry = entryOf(result);
    if (entry) await appendAccessEntry(trx, { ...base, ...entry });
    return result;
  });
}

/**
 * Records what did not happen (a refused sign-in), or a read noted after the fact: best effort.
 * The caller answers either way, so a failure here is logged, never thrown.
 */
export async function recordBestEffort(db: Kysely<DB>, entry: NewAccessEntry): Promise<void> {
  try {
    await appendAccessEntry(db, entry);
  } catch (error) {
    log.warn("could not record an access-log entry", { action: entry.action, tenant: entry.tenantId, error: error instanceof Error ? error.message : String(error) });
  }
}

/** A refused action's entry (best effort: the refusal stands either way). */
export const recordRefusal = recordBestEffort;
