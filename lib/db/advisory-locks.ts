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
