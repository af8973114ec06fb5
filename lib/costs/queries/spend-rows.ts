import "server-only";
import { sql, type Kysely, type RawBuilder } from "kysely";
import { filterConditions, MODEL_COLUMNS, RUN_COLUMNS } from "@/lib/costs/queries/cost-filters";
import { KEY_SEPARATOR, MAX_SERIES, MAX_TREND_WORKLOADS, OTHER_RANK, type RunCostRow, type SpendGroupRow } from "@/lib/costs/spend-series";
import type { CostFilters, SpendBucket, SpendDimension } from "@/lib/costs/types";
import type { DB } from "@/lib/db/types";
import { BUCKET_NS, bucketStart, bucketStartSql, MAX_TREND_POINTS } from "@/lib/db/time-buckets";
import type { TimeWindow } from "@/lib/http/params";

// The costs charts' rows, ranked and cut in the database: however many workloads, versions,
// models or deployments a tenant mints, a spend read returns at most (MAX_TREND_POINTS + 1) ×
// (MAX_SERIES + 1) rows and a cost-per-run read MAX_TREND_POINTS × MAX_TREND_WORKLOADS.

/**
 * Spend per (bucket, dimension value) in the window, one pass over narrow rows grouped on plain
 * columns: runs for workload, version and deployment (zero-cost runs included, so the same pass
 * counts runs), run_models for model.
 */
function spendGroups(tenantId: string, filters: CostFilters, by: SpendDimension, bucket: SpendBucket): RawBuilder<unknown> {
  if (by === "model") {
    return sql`
      select ${bucketStartSql(bucket, sql`t.run_start_unix_nano`)} as bucket, t.model_vendor as a, t.model_name as b,
        null::text as version, sum(t.cost_usd) as cost, 0::int8 as runs
      from run_models t
      where t.tenant_id = ${tenantId} and t.cost_usd > 0${filterConditions(filters, MODEL_COLUMNS)}
      group by 1, 2, 3`;
  }
  const columns =
    by === "workload"
      ? sql`t.workload_name as a, null::text as b, null::text as version`
      : by === "deployment"
        ? sql`t.deployment_id as a, null::text as b, null::text as version`
        : sql`t.workload_name as a, t.workload_logic_id as b, min(t.workload_version) as version`;
  const groupBy = by === "version" ? sql`1, 2, 3` : sql`1, 2`;
  return sql`
    select ${bucketStartSql(bucket, sql`t.start_time_unix_nano`)} as bucket, ${columns}, sum(t.cost_usd) as cost, count(*) as runs
    from runs t
    where t.tenant_id = ${tenantId}${filterConditions(filters, RUN_COLUMNS)}
    group by ${groupBy}`;
}

/**
 * `text` ordered as JavaScript's `<` orders strings (by UTF-16 code unit), as the charts always
 * broke ties. Collate "C" orders by code point, which puts U+E000..U+FFFF before the characters
 * past U+FFFF (surrogate pairs in UTF-16, so first there): a marker before each restores that.
 * Needs a UTF-8 database (the markers are U+E000 and U+E001).
 */
function utf16Order(text: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`regexp_replace(regexp_replace(${text}, ${"([\\uE000-\\uFFFF])"}, ${"\uE001\\1"}, 'g'),
    ${"([\\U00010000-\\U0010FFFF])"}, ${"\uE000\\1"}, 'g') collate "C"`;
}

/** A group's series key, as seriesOf builds it. */
function seriesKeySql(by: SpendDimension): RawBuilder<unknown> {
  return by === "workload" || by === "deployment" ? sql`coalesce(g.a, '')` : sql`coalesce(g.a, '') || ${KEY_SEPARATOR} || coalesce(g.b, '')`;
}

/** A group's label, as seriesOf builds it (to order a series' groups only: code builds the labels shown). */
function seriesLabelSql(by: SpendDimension): RawBuilder<unknown> {
  switch (by) {
    case "workload":
      return sql`coalesce(k.a, '(no workload)')`;
    case "deployment":
      return sql`coalesce(k.a, '(no deployment)')`;
    case "model":
      return sql`case when coalesce(k.b, '') = '' then '(no model)' when coalesce(k.a, '') = '' then k.b else k.b || ' (' || k.a || ')' end`;
    case "version":
      return sql`case when k.b is null then '(no version)'
        else coalesce(k.a, '?') || ' ' || case when k.version <> '' then k.version || ${" · "} else '' end || left(k.b, 8) end`;
  }
}

/** The newest bucket buildSpendOverTime draws: the window's end, else now or the last spend if later, never before the window's start. */
function lastDrawnBucket(bucket: SpendBucket, window: TimeWindow, nowMs: number): RawBuilder<unknown> {
  if (window.toNs !== undefined) return sql`${bucketStart(bucket, window.toNs - 1n).toString()}::int8`;
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const floor = window.fromNs !== undefined && window.fromNs > nowNs ? window.fromNs : nowNs;
  return sql`greatest(${bucketStart(bucket, floor).toString()}::int8, (select max(bucket) from groups where cost > 0))`;
}

/**
 * Spend per bucket of the MAX_SERIES largest series (by total, then key), ranked 1 to MAX_SERIES,
 * one row per (bucket, series); the other series summed per bucket as OTHER_RANK. Series of no
 * spend are not ranked: their runs count under OTHER_RANK. Buckets before the newest
 * MAX_TREND_POINTS drawn (or after the last) fold into the one before them: no point shows them,
 * but totals, run counts and where the chart starts still count them.
 */
export async function spendRows(
  db: Kysely<DB>,
  tenantId: string,
  filters: CostFilters,
  by: SpendDimension,
  bucket: SpendBucket,
  nowMs: number,
): Promise<SpendGroupRow[]> {
  const drawnNs = BigInt(MAX_TREND_POINTS) * BUCKET_NS[bucket];
  const { rows } = await sql<SpendGroupRow>`
    with groups as (${spendGroups(tenantId, filters, by, bucket)}),
    drawn as (select ${lastDrawnBucket(bucket, filters.window, nowMs)} as last),
    keyed as (
      select case when g.bucket > d.last - ${drawnNs.toString()}::int8 and g.bucket <= d.last then g.bucket
          else d.last - ${drawnNs.toString()}::int8 end as bucket,
        g.a, g.b, g.version, g.cost, g.runs, ${seriesKeySql(by)} as key
      from groups g cross join drawn d
    ),
    totals as (select key, sum(cost) as total from keyed group by key having sum(cost) > 0),
    -- The string order (two regexp_replace a key) only for the keys tied with or above the last drawn, not for every series.
    cutoff as (select total from totals order by total desc limit 1 offset ${MAX_SERIES - 1}),
    ranked as (
      select key, (row_number() over (order by total desc, ${utf16Order(sql`key`)}))::int4 as rank
      from totals where not exists (select from cutoff) or total >= (select total from cutoff)
      order by rank limit ${MAX_SERIES}
    )
    (
      -- A series' groups of one bucket (several when buckets fold, or when keys collide): the
      -- one of the smallest label stands for them, as the label code keeps is the smallest.
      select distinct on (k.bucket, r.rank) k.bucket, r.rank, k.a, k.b, k.version,
        sum(k.cost) over w as cost, sum(k.runs) over w as runs
      from keyed k join ranked r on r.key = k.key
      window w as (partition by k.bucket, r.rank)
      order by k.bucket, r.rank, ${utf16Order(seriesLabelSql(by))}, k.a, k.b, k.version
    )
    union all
    select k.bucket, ${OTHER_RANK}::int4, null, null, null, sum(k.cost), sum(k.runs)
    from keyed k left join ranked r on r.key = k.key
    where r.key is null
    group by k.bucket
    order by 1, 2`.execute(db);
  return rows;
}

/**
 * Cost and count of finished runs per (bucket, workload) for the MAX_TREND_WORKLOADS workloads
 * that spent most (by total, then name), in the newest MAX_TREND_POINTS buckets that have any;
 * a workload with none there comes once with a null bucket.
 */
export async function runCostRows(db: Kysely<DB>, tenantId: string, filters: CostFilters, bucket: SpendBucket): Promise<RunCostRow[]> {
  const { rows } = await sql<RunCostRow>`
    with groups as (
      select ${bucketStartSql(bucket, sql`t.start_time_unix_nano`)} as bucket, t.workload_name as workload,
        sum(t.cost_usd) as cost, count(*) as runs
      from runs t
      where t.tenant_id = ${tenantId} and t.workload_name is not null and t.status <> 'running'${filterConditions(filters, RUN_COLUMNS)}
      group by 1, 2
    ),
    totals as (select workload, sum(cost) as total from groups group by workload),
    cutoff as (select total from totals order by total desc limit 1 offset ${MAX_TREND_WORKLOADS - 1}),
    top as (
      select workload from totals where not exists (select from cutoff) or total >= (select total from cutoff)
      order by total desc, ${utf16Order(sql`workload`)} limit ${MAX_TREND_WORKLOADS}
    ),
    recent as (
      select g.bucket, g.workload, g.cost, g.runs, dense_rank() over (order by g.bucket desc) as age
      from groups g join top p on p.workload = g.workload
    )
    select p.workload, r.bucket, r.cost, r.runs
    from top p left join recent r on r.workload = p.workload and r.age <= ${MAX_TREND_POINTS}
    order by 2, 1`.execute(db);
  return rows;
}
