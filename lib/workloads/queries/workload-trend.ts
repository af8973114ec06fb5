import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { BUCKET_NS, bucketStart, bucketStartSql, MAX_TREND_POINTS, pickBucket } from "@/lib/db/time-buckets";
import { nodeAnomalies } from "@/lib/anomalies/queries";
import { nsToIso } from "@/lib/runs/run-view";
import type { TimeWindow } from "@/lib/http/params";
import type { TrendBucket, WorkloadTrend } from "@/lib/workloads/types";
import { windowCondition } from "@/lib/runs/queries/run-stats";
import { MAX_LISTED_VERSIONS } from "@/lib/workloads/queries/workload-versions";

/** The newest buckets checked for node anomalies: three months of days, four days of hours. */
const ANOMALY_BUCKETS = 90;

interface TrendRow {
  bucket: string;
  run_count: string;
  p95_ns: number | string | null;
  avg_cost: string | null;
}

/**
 * p95 run duration and cost per run of a workload per time bucket (over finished runs), with the
 * first-seen time of each logic id to mark version boundaries and the buckets in which a node
 * left its own baseline. Null when the workload is unknown.
 */
export async function workloadTrend(
  db: Kysely<DB>,
  tenantId: string,
  workloadName: string,
  window: TimeWindow,
  requested?: TrendBucket,
): Promise<WorkloadTrend | null> {
  const seen = await db
    .selectFrom("workload_versions")
    .select([sql<string | null>`min(first_seen_unix_nano)::text`.as("first"), sql<string | null>`max(last_seen_unix_nano)::text`.as("last")])
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .executeTakeFirst();
  if (!seen?.first || !seen.last) return null;
  let first = BigInt(seen.first);
  let last = BigInt(seen.last);
  if (window.fromNs !== undefined && window.fromNs > first) first = window.fromNs;
  if (window.toNs !== undefined && window.toNs < last) last = window.toNs;
  const bucket = requested ?? pickBucket(last > first ? last - first : 0n);
  const { rows } = await sql<TrendRow>`
    select ${bucketStartSql(bucket, sql`r.start_time_unix_nano`)} as bucket,
      count(*)::int8 as run_count,
      percentile_cont(0.95) within group (order by r.duration_ns) filter (where r.status <> 'running') as p95_ns,
      avg(r.cost_usd) filter (where r.status <> 'running') as avg_cost
    from runs r
    where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName} and r.workload_logic_id is not null${windowCondition(window)}
    group by 1
    order by 1 desc
    limit ${MAX_TREND_POINTS}`.execute(db);
  // Anomalies of the newest ANOMALY_BUCKETS buckets only: what a chart of years would otherwise read is every node row of the workload.
  const anomaliesFrom = bucketStart(bucket, first) > last - BigInt(ANOMALY_BUCKETS - 1) * BUCKET_NS[bucket] ? bucketStart(bucket, first) : bucketStart(bucket, last - BigInt(ANOMALY_BUCKETS - 1) * BUCKET_NS[bucket]);
  // The most recently seen versions (all but for a workload of more than MAX_LISTED_VERSIONS): their
  // labels name the anomalies of the newest buckets, and their first sightings mark the chart.
  const versions = await db
    .selectFrom("workload_versions")
    .select(["logic_id", "version", "first_seen_unix_nano"])
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .orderBy("last_seen_unix_nano", "desc")
    .limit(MAX_LISTED_VERSIONS)
    .execute();
  const anomalies = await nodeAnomalies(db, tenantId, workloadName, bucket, anomaliesFrom, last, new Map(versions.map((v) => [v.logic_id, v.version])));
  return {
    workload: workloadName,
    bucket,
    anomalies,
    points: rows.reverse().map((row) => ({
      start: nsToIso(String(row.bucket)),
      runCount: Number(row.run_count),
      p95Ms: row.p95_ns === null ? null : Number(row.p95_ns) / 1e6,
      avgCostUsd: row.avg_cost === null ? null : Number(row.avg_cost),
    })),
    boundaries: versions
      .map((v) => ({ logicId: v.logic_id, version: v.version, at: nsToIso(v.first_seen_unix_nano), ns: BigInt(v.first_seen_unix_nano) }))
      .sort((x, y) => (x.ns < y.ns ? -1 : x.ns > y.ns ? 1 : 0))
      .map(({ logicId, version, at }) => ({ logicId, version, at })),
  };
}
