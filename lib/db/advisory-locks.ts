import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

/**
 * Transaction-scoped advisory locks on text keys, always taken in sorted order so concurrent
 * writers cannot deadlock. Shared locks let writers of one kind run together while keeping out an
 * exclusive holder (a price change against ingest).
 */
export async function lockKeys(trx: Transaction<DB>, keys: readonly string[], mode: "exclusive" | "shared" = "exclusive"): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Set(keys)].sort();
  const lock = mode === "shared" ? sql`pg_advisory_xact_lock_shared(h)` : sql`pg_advisory_xact_lock(h)`;
  await sql`select ${lock} from (
      select hashtextextended(k, 0) as h from unnest(${sorted}::text[]) as k order by k offset 0) locks`.execute(trx);
}

/** Takes whichever of the exclusive locks are free, without waiting; returns the keys it holds. */
export async function tryLockKeys(trx: Transaction<DB>, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const result = await sql<{ k: string }>`
    select k from unnest(${[...new Set(keys)]}::text[]) as k where pg_try_advisory_xact_lock(hashtextextended(k, 0))`.execute(trx);
  return new Set(result.rows.map((row) => row.k));
}
