import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { bucketStartSql, BUCKET_NS, type TimeBucket } from "@/lib/db/time-buckets";
import { quantileOf } from "@/lib/stats/duration-sketch";
import { DEFAULT_ANOMALY_SETTINGS, detectAnomalies, type NodeBucket } from "@/lib/anomalies/detect";
import type { NodeAnomaly } from "@/lib/anomalies/types";
import { nsToIso } from "@/lib/runs/run-view";
import { storedSketchColumns } from "@/lib/stats/duration-sketch-sql";

/** Node-buckets read at most: 50 nodes × 1,000 buckets; past it the oldest are left out. */
const MAX_NODE_BUCKETS = 50_000;
/** Anomalies returned at most, newest first. */
export const MAX_ANOMALIES = 200;

interface Row {
  logic_id: string;
  node_name: string;
  bucket: string;
  activations: string;
  errors: string;
  tokens: string;
  bins: number[] | null;
  counts: number[] | null;
  min_ns: string | null;
  max_ns: string | null;
}

/**
 * Each node's figures per logic id and bucket from `fromNs` (less the baseline's lookback) to
 * `toNs`, from the run_nodes roll-up of the workload's runs (runs_workload_start_idx): activations, failures, tokens, and
 * the merged duration sketch's p50.
 */
async function nodeBuckets(db: Kysely<DB>, tenantId: string, workloadName: string, bucket: TimeBucket, fromNs: bigint, toNs: bigint): Promise<NodeBucket[]> {
  const lookbackNs = fromNs - BigInt(DEFAULT_ANOMALY_SETTINGS.baselineBuckets) * BUCKET_NS[bucket];
  const { rows } = await sql<Row>`
    with n as (
      select r.workload_logic_id as logic_id, n.node_name, ${bucketStartSql(bucket, sql`r.start_time_unix_nano`)} as bucket, n.activations, n.errors, n.tokens,
        ${storedSketchColumns("n")}, n.duration_min_ns, n.duration_max_ns
      from runs r
      join run_nodes n on n.tenant_id = r.tenant_id and n.run_id = r.run_id
      where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName} and r.workload_logic_id is not null
        and r.start_time_unix_nano >= ${lookbackNs.toString()}::int8 and r.start_time_unix_nano <= ${toNs.toString()}::int8
    ),
    totals as (
      select logic_id, node_name, bucket, sum(activations)::int8 as activations, sum(errors)::int8 as errors, sum(tokens)::int8 as tokens,
        min(duration_min_ns) as min_ns, max(duration_max_ns) as max_ns
      from n group by 1, 2, 3
      order by bucket desc limit ${MAX_NODE_BUCKETS}
    ),
    bins as (
      select n.logic_id, n.node_name, n.bucket, b.bin, sum(b.count)::int4 as count
      from n cross join lateral unnest(n.duration_bins, n.duration_counts) as b(bin, count)
      group by 1, 2, 3, 4
    ),
    sketches as (
      select logic_id, node_name, bucket, array_agg(bin order by bin) as bins, array_agg(count order by bin) as counts from bins group by 1, 2, 3
    )
    select t.logic_id, t.node_name, t.bucket::text, t.activations::text, t.errors::text, t.tokens::text, s.bins, s.counts, t.min_ns::text, t.max_ns::text
    from totals t left join sketches s on s.logic_id = t.logic_id and s.node_name = t.node_name and s.bucket = t.bucket`.execute(db);
  return rows.map((row) => {
    const activations = Number(row.activations);
    const sketch = { bins: (row.bins ?? []).map(Number), counts: (row.counts ?? []).map(Number) };
    const bounds = row.min_ns !== null && row.max_ns !== null ? { min: Number(row.min_ns), max: Number(row.max_ns) } : undefined;
    const p50 = quantileOf(sketch, 0.5, bounds);
    return {
      logicId: row.logic_id,
      node: row.node_name,
      startNs: BigInt(row.bucket),
      activations,
      errors: Number(row.errors),
      p50Ms: p50 === null ? null : p50 / 1e6,
      tokensPerActivation: activations === 0 ? 0 : Number(row.tokens) / activations,
    };
  });
}

/** The buckets from `fromNs` to `toNs` in which a node of the workload left its own baseline (lib/anomalies/detect.ts), newest first. */
export async function nodeAnomalies(
  db: Kysely<DB>,
  tenantId: string,
  workloadName: string,
  bucket: TimeBucket,
  fromNs: bigint,
  toNs: bigint,
  versions: ReadonlyMap<string, string | null>,
): Promise<NodeAnomaly[]> {
  const buckets = await nodeBuckets(db, tenantId, workloadName, bucket, fromNs, toNs);
  return detectAnomalies(buckets, fromNs, versions)
    .slice(0, MAX_ANOMALIES)
    .map(({ startNs, ...anomaly }) => ({ ...anomaly, start: nsToIso(startNs.toString()) }));
}
