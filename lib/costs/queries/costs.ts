import "server-only";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { CostFilters, CostlyRun, CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, TopRuns, TopRunsCursor } from "@/lib/costs/types";
import type { DB } from "@/lib/db/types";
import { bucketStartSql } from "@/lib/db/time-buckets";
import { buildCostPerRun, buildSpendOverTime, type RunCostRow, type SpendGroupRow } from "@/lib/costs/spend-series";
import { encodePageCursor } from "@/lib/http/pagination";
import { nsToIso, nsToMs } from "@/lib/runs/run-view";
import type { RunStatus } from "@/lib/runs/types";
import { windowCondition, windowStartIso } from "@/lib/runs/queries/run-stats";

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

/**
 * Spend per (bucket, dimension value) in the window, one pass over narrow rows grouped on plain
 * columns (keys and labels are built in code): runs for workload, version and deployment (zero-cost
 * runs included, so the same pass counts runs), run_models for model.
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
 * Spend per day or week, split by workload, version, model or deployment. Each run's spend falls
 * in the bucket of the run's start. Costs are counted once (see run_models and the runs roll-up),
 * so the series add up to the total. The largest MAX_SERIES series are drawn; the rest are "other".
 */
export async function spendOverTime(
  db: Kysely<DB>,
  tenantId: string,
  filters: CostFilters,
  by: SpendDimension,
  bucket: SpendBucket,
  nowMs = Date.now(),
): Promise<SpendOverTime> {
  const { rows } = await sql<SpendGroupRow>`${spendGroups(tenantId, filters, by, bucket)}`.execute(db);

  const built = buildSpendOverTime(rows, by, bucket, filters.window, nowMs);
  let runCount = built.runCount;

  if (by === "model") {
    // Runs without any model usage count too: the count comes from the runs themselves.
    const count = await sql<{ runs: string }>`
      select count(*) as runs from runs t where t.tenant_id = ${tenantId}${filterConditions(filters, RUN_COLUMNS)}`.execute(db);
    runCount = Number(count.rows[0]?.runs ?? 0);
  }
  return { ...built, windowStart: windowStartIso(filters.window), runCount };
}

/** The most expensive runs of the window, most expensive first; `after` continues a previous page. */
export async function topRunsByCost(
  db: Kysely<DB>,
  tenantId: string,
  filters: CostFilters,
  limit: number,
  after: TopRunsCursor | null = null,
): Promise<TopRuns> {
  const afterCondition = after
    ? sql` and (t.cost_usd < ${after.costUsd}::numeric or (t.cost_usd = ${after.costUsd}::numeric and t.run_id > ${after.runId}))`
    : sql``;
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
    where t.tenant_id = ${tenantId} and t.cost_usd > 0${filterConditions(filters, RUN_COLUMNS)}${afterCondition}
    order by t.cost_usd desc, t.run_id
    limit ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodePageCursor([last.cost_usd, last.run_id]) : null;
  const runs: CostlyRun[] = page.map((row) => ({
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
  return { windowStart: windowStartIso(filters.window), runs, nextCursor };
}

/** Average cost of a finished run per day or week, for the workloads that spent most in the window. */
export async function costPerRunTrend(db: Kysely<DB>, tenantId: string, filters: CostFilters, bucket: SpendBucket): Promise<CostPerRunTrend> {
  const { rows } = await sql<RunCostRow>`
    select ${bucketStartSql(bucket, sql`t.start_time_unix_nano`)} as bucket, t.workload_name as workload,
      sum(t.cost_usd) as cost, count(*) as runs
    from runs t
    where t.tenant_id = ${tenantId} and t.workload_name is not null and t.status <> 'running'${filterConditions(filters, RUN_COLUMNS)}
    group by 1, 2`.execute(db);
  return { bucket, windowStart: windowStartIso(filters.window), ...buildCostPerRun(rows) };
}
