import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

export interface MetricRetentionBatch {
  deletedPoints: number;
  /** The batch was full: more expired points may wait. */
  more: boolean;
}

/** Series visited per batch. */
const SERIES_PER_BATCH = 50;

/**
 * Removes up to `limit` of a tenant's metric points older than `cutoffNs`, from the series whose
 * first point is older (metric_series_first_seen_idx), each deleted on the points' primary key.
 * Once a batch has taken every expired point of its series, their first_seen moves up to the
 * cutoff, so the next batch starts with other series and no pass rereads what it cleared; a
 * series left with no points goes too. Nothing here reads more than the batch's rows.
 */
export async function deleteExpiredMetricPoints(trx: Transaction<DB>, tenantId: string, cutoffNs: bigint, limit: number): Promise<MetricRetentionBatch> {
  const cutoff = cutoffNs.toString();
  const { rows: picked } = await sql<{ series_key: string }>`
    select series_key from metric_series
    where tenant_id = ${tenantId} and first_seen_unix_nano < ${cutoff}::int8
    order by first_seen_unix_nano limit ${SERIES_PER_BATCH}`.execute(trx);
  if (picked.length === 0) return { deletedPoints: 0, more: false };
  const keys = picked.map((row) => row.series_key);
  const { rows: removed } = await sql<{ one: number }>`
    delete from metric_points where tenant_id = ${tenantId} and (series_key, time_unix_nano) in (
      select series_key, time_unix_nano from metric_points
      where tenant_id = ${tenantId} and series_key = any(${keys}::text[]) and time_unix_nano < ${cutoff}::int8
      limit ${limit})
    returning 1 as one`.execute(trx);
  if (removed.length === limit) return { deletedPoints: removed.length, more: true };
  // A series is removed only under its row lock, taken first (writers hold it while they add
  // points, insert-metrics.ts), and checked for points in a later statement, which sees what
  // they committed meanwhile; series a writer holds now are left for a later pass.
  const { rows: locked } = await sql<{ series_key: string }>`
    select series_key from metric_series where tenant_id = ${tenantId} and series_key = any(${keys}::text[])
    for update skip locked`.execute(trx);
  await sql`
    delete from metric_series s where s.tenant_id = ${tenantId} and s.series_key = any(${locked.map((row) => row.series_key)}::text[])
      and not exists (select 1 from metric_points p where p.tenant_id = s.tenant_id and p.series_key = s.series_key)`.execute(trx);
  await sql`
    update metric_series set first_seen_unix_nano = ${cutoff}::int8
    where tenant_id = ${tenantId} and series_key = any(${keys}::text[]) and first_seen_unix_nano < ${cutoff}::int8`.execute(trx);
  return { deletedPoints: removed.length, more: picked.length === SERIES_PER_BATCH };
}
