import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

/** Entries are kept at least this long, whatever the tenant keeps of its runs: who did what outlives the data. */
export const ACCESS_LOG_MIN_DAYS = 365;

/** The access log's cutoff for a tenant whose runs end at `runCutoff`: the earlier of the two. */
export function accessLogCutoff(runCutoff: Date, nowMs: number): Date {
  return new Date(Math.min(runCutoff.getTime(), nowMs - ACCESS_LOG_MIN_DAYS * 86_400_000));
}

/**
 * Removes up to `limit` of a tenant's oldest entries from before `cutoff`, in the caller's
 * transaction: the one path the append-only trigger lets through (rows older than 30 days, with
 * `codon.access_log_expiring` set for this transaction). Only a prefix of the chain goes, so what
 * remains still verifies from its first entry.
 */
export async function deleteExpiredAccessLog(trx: Transaction<DB>, tenantId: string, cutoff: Date, limit: number): Promise<number> {
  await sql`select set_config('codon.access_log_expiring', 'on', true)`.execute(trx);
  const result = await sql`
    delete from access_log where tenant_id = ${tenantId} and seq in (
      select seq from access_log where tenant_id = ${tenantId} and seq < coalesce(
        (select min(seq) from access_log where tenant_id = ${tenantId} and occurred_at >= ${cutoff.toISOString()}::timestamptz), 9223372036854775807)
      order by seq limit ${limit})`.execute(trx);
  await sql`select set_config('codon.access_log_expiring', 'off', true)`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
