import { sql, type Kysely, type RawBuilder } from "kysely";
import type { CostFilters } from "../costs/params";
import type { CostlyRun, CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, SpendSeries, TopRuns } from "../costs/types";
import type { DB } from "../db/types";
import { nsToIso, nsToMs } from "../runs/run-view";
import type { RunStatus } from "../runs/types";
import { windowCondition, windowStartIso } from "./run-stats";
import { BUCKET_NS, BUCKET_OFFSET_NS, MAX_TREND_POINTS } from "./workload-trend";

/** Series drawn one by one; the rest of the spend is summed as "other". */
export const MAX_SERIES = 7;
/** Workloads drawn on the cost-per-run chart. */
export const MAX_TREND_WORKLOADS = 6;
export const OTHER_KEY = "other";
const SEP = "\u001f";

/** The filters as conditions on a table aliased `t` whose columns are named by `columns`. */
function filterConditions(
  filters: CostFilters,
  columns: { start: string; workload: string; logicId: string; deployment: string },
): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`t.${name}`);
  const parts: RawBuilder<unknown>[] = [windowCondition(filters.window, sql`${column(columns.start)}`)];
  if (filters.workload !== undefined) parts.push(sql` and ${column(columns.workload)} = ${filters.workload}`);
  if (filters.logicId !== undefined) parts.push(sql` and starts_with(${column(columns.logicId)}, ${filters.logicId})`);
  if (filters.deployment !== undefined) parts.push(sql` and ${column(columns.deployment)} = ${filters.deployment}`);
  return sql.join(parts, sql``);
}

const RUN_COLUMNS = { start: "start_time_unix_nano", workload: "workload_name", logicId: "workload_logic_id", deployment: "deployment_id" };
const MODEL_COLUMNS = { start: "run_start_unix_nano", workload: "workload_name", logicId: "logic_id", deployment: "deployment_id" };

function bucketExpression(bucket: SpendBucket, column: RawBuilder<unknown>): RawBuilder<unknown> {
  const size = BUCKET_NS[bucket].toString();
  const offset = BUCKET_OFFSET_NS[bucket].toString();
  return sql`((${column} - ${offset}::int8) / ${size}::int8) * ${size}::int8 + ${offset}::int8`;
}

function bucketStart(bucket: SpendBucket, ns: bigint): bigint {
  const size = BUCKET_NS[bucket];
  const offset = BUCKET_OFFSET_NS[bucket];
  return ((ns - offset) / size) * size + offset;
}

/** Every bucket start from `first` to `last`, the newest MAX_TREND_POINTS of them. */
function bucketStarts(bucket: SpendBucket, first: bigint, last: bigint): bigint[] {
  const size = BUCKET_NS[bucket];
  let from = bucketStart(bucket, first);
  const to = bucketStart(bucket, last);
  if ((to - from) / size >= BigInt(MAX_TREND_POINTS)) from = to - (BigInt(MAX_TREND_POINTS) - 1n) * size;
  const starts: bigint[] = [];
  for (let at = from; at <= to; at += size) starts.push(at);
  return starts;
}

/** One row per (series key, spend) in the window, before bucketing: where the dimension's spend lives. */
function spendSource(tenantId: string, filters: CostFilters, by: SpendDimension, bucket: SpendBucket): RawBuilder<unknown> {
  if (by === "model") {
    return sql`
      select ${bucketExpression(bucket, sql`t.run_start_unix_nano`)} as bucket,
        t.model_vendor || ${SEP} || t.model_name as key,
        case when t.model_name = '' then '(no model)'
          when t.model_vendor = '' then t.model_name
          else t.model_name || ' (' || t.model_vendor || ')' end as label,
        null::text as workload, null::text as logic_id, t.cost_usd as cost
      from run_models t
      where t.tenant_id = ${tenantId} and t.cost_usd > 0${filterConditions(filters, MODEL_COLUMNS)}`;
  }
  const key =
    by === "workload"
      ? sql`coalesce(t.workload_name, '')`
      : by === "deployment"
        ? sql`coalesce(t.deployment_id, '')`
        : sql`coalesce(t.workload_name, '') || ${SEP} || coalesce(t.workload_logic_id, '')`;
  const label =
    by === "workload"
      ? sql`coalesce(t.workload_name, '(no workload)')`
      : by === "deployment"
        ? sql`coalesce(t.deployment_id, '(no deployment)')`
        : sql`case when t.workload_logic_id is null then '(no version)'
            else coalesce(t.workload_name, '?') || ' ' || coalesce(t.workload_version || ' · ', '') || left(t.workload_logic_id, 8) end`;
  return sql`
    select ${bucketExpression(bucket, sql`t.start_time_unix_nano`)} as bucket, ${key} as key, ${label} as label,
      t.workload_name as workload, t.workload_logic_id as logic_id, t.cost_usd as cost
    from runs t
    where t.tenant_id = ${tenantId} and t.cost_usd > 0${filterConditions(filters, RUN_COLUMNS)}`;
}

/**
 * Spend per day or week, split by workload, version, model or deployment. Each run's spend falls
 * in the bucket of the run's start. Costs are counted once (see run_models and the runs roll-up),
 * so the series add up to the total.
 */
export async function spendOverTime(
  db: Kysely<DB>,
  tenantId: string,
  filters: CostFilters,
  by: SpendDimension,
  bucket: SpendBucket,
  nowMs = Date.now(),
): Promise<SpendOverTime> {
  const source = spendSource(tenantId, filters, by, bucket);
  const { rows } = await sql<{
    bucket: string | null;
    key: string;
    label: string;
    workload: string | null;
    logic_id: string | null;
    cost: string;
    rank: string;
  }>`
    with source as (${source}),
    ranked as (
      select key, row_number() over (order by sum(cost) desc, key) as rank
      from source group by key
    ),
    grouped as (
      select s.bucket, case when r.rank <= ${MAX_SERIES} then s.key else ${OTHER_KEY} end as key,
        min(s.label) as label, min(s.workload) as workload, min(s.logic_id) as logic_id, sum(s.cost) as cost,
        min(r.rank) as rank
      from source s join ranked r on r.key = s.key
      group by 1, 2
    )
    select bucket, key, label, workload, logic_id, cost, rank from grouped
    union all
    select null, key, min(label), min(workload), min(logic_id), sum(cost), min(rank) from grouped group by key
    order by 1 nulls first, 7`.execute(db);

  const series: SpendSeries[] = [];
  const byBucket = new Map<string, Record<string, number>>();
  let totalUsd = 0;
  let firstNs: bigint | null = null;
  let lastNs: bigint | null = null;
  for (const row of rows) {
    const cost = Number(row.cost);
    if (row.bucket === null) {
      const other = row.key === OTHER_KEY;
      series.push({
        key: row.key,
        label: other ? "Other" : row.label,
        workload: other ? null : row.workload,
        logicId: other || by !== "version" ? null : row.logic_id,
        totalUsd: cost,
      });
      totalUsd += cost;
      continue;
    }
    const ns = BigInt(row.bucket);
    if (firstNs === null || ns < firstNs) firstNs = ns;
    if (lastNs === null || ns > lastNs) lastNs = ns;
    const values = byBucket.get(row.bucket) ?? {};
    values[row.key] = cost;
    byBucket.set(row.bucket, values);
  }
  // "Other" is drawn last whatever its size.
  series.sort((a, b) => Number(a.key === OTHER_KEY) - Number(b.key === OTHER_KEY) || b.totalUsd - a.totalUsd);

  const nowNs = BigInt(nowMs) * 1_000_000n;
  const from = filters.window.fromNs ?? firstNs;
  const to = filters.window.toNs !== undefined ? filters.window.toNs - 1n : lastNs !== null && lastNs > nowNs ? lastNs : nowNs;
  const points =
    from === null
      ? []
      : bucketStarts(bucket, from, to < from ? from : to).map((start) => {
          const values = byBucket.get(start.toString()) ?? {};
          return { start: nsToIso(start.toString()), values, totalUsd: Object.values(values).reduce((sum, v) => sum + v, 0) };
        });

  const count = await sql<{ runs: string }>`
    select count(*) as runs from runs t where t.tenant_id = ${tenantId}${filterConditions(filters, RUN_COLUMNS)}`.execute(db);
  return {
    by,
    bucket,
    windowStart: windowStartIso(filters.window),
    series,
    points,
    totalUsd,
    runCount: Number(count.rows[0]?.runs ?? 0),
  };
}

/** The most expensive runs of the window, most expensive first. */
export async function topRunsByCost(db: Kysely<DB>, tenantId: string, filters: CostFilters, limit: number): Promise<TopRuns> {
  const { rows } = await sql<{
    run_id: string;
    workload_name: string | null;
    workload_version: string | null;
    workload_logic_id: string | null;
    deployment_id: string | null;
    status: RunStatus;
    start_time_unix_nano: string;
    duration_ns: string;
    input_tokens: string;
    output_tokens: string;
    cost_usd: string;
  }>`
    select t.run_id, t.workload_name, t.workload_version, t.workload_logic_id, t.deployment_id, t.status,
      t.start_time_unix_nano, t.duration_ns, t.input_tokens, t.output_tokens, t.cost_usd
    from runs t
    where t.tenant_id = ${tenantId} and t.cost_usd > 0${filterConditions(filters, RUN_COLUMNS)}
    order by t.cost_usd desc, t.run_id
    limit ${limit}`.execute(db);
  const runs: CostlyRun[] = rows.map((row) => ({
    runId: row.run_id,
    workload: row.workload_name,
    version: row.workload_version,
    logicId: row.workload_logic_id,
    deployment: row.deployment_id,
    status: row.status,
    startTime: nsToIso(row.start_time_unix_nano),
    durationMs: nsToMs(row.duration_ns),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
  }));
  return { windowStart: windowStartIso(filters.window), runs };
}

/** Average cost of a finished run per day or week, for the workloads that spent most in the window. */
export async function costPerRunTrend(db: Kysely<DB>, tenantId: string, filters: CostFilters, bucket: SpendBucket): Promise<CostPerRunTrend> {
  const { rows } = await sql<{ bucket: string; workload: string; avg_cost: string }>`
    with source as (
      select ${bucketExpression(bucket, sql`t.start_time_unix_nano`)} as bucket, t.workload_name as workload, t.cost_usd
      from runs t
      where t.tenant_id = ${tenantId} and t.workload_name is not null and t.status <> 'running'${filterConditions(filters, RUN_COLUMNS)}
    ),
    top as (
      select workload from source group by workload order by sum(cost_usd) desc, workload limit ${MAX_TREND_WORKLOADS}
    )
    select s.bucket, s.workload, avg(s.cost_usd) as avg_cost
    from source s join top using (workload)
    group by 1, 2
    order by 1 desc
    limit ${MAX_TREND_POINTS * MAX_TREND_WORKLOADS}`.execute(db);
  const workloads = new Set<string>();
  const byBucket = new Map<string, Record<string, number>>();
  for (const row of rows) {
    workloads.add(row.workload);
    const values = byBucket.get(String(row.bucket)) ?? {};
    values[row.workload] = Number(row.avg_cost);
    byBucket.set(String(row.bucket), values);
  }
  const points = [...byBucket.entries()]
    .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
    .map(([start, values]) => ({ start: nsToIso(start), values }));
  return { bucket, windowStart: windowStartIso(filters.window), workloads: [...workloads].sort(), points };
}
