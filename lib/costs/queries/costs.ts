import "server-only";
import { sql, type Kysely } from "kysely";
import type { CostFilters, CostlyRun, CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, TopRuns, TopRunsCursor } from "@/lib/costs/types";
import type { DB } from "@/lib/db/types";
import { filterConditions, RUN_COLUMNS } from "@/lib/costs/queries/cost-filters";
import { runCostRows, spendRows } from "@/lib/costs/queries/spend-rows";
import { buildCostPerRun, buildSpendOverTime } from "@/lib/costs/spend-series";
import { encodePageCursor } from "@/lib/http/pagination";
import { nsToIso, nsToMs } from "@/lib/runs/run-view";
import type { RunStatus } from "@/lib/runs/types";
import { windowStartIso } from "@/lib/runs/queries/run-stats";

/**
 * Spend per day or week, split by workload, version, model or deployment. Each run's spend falls
 * in the bucket of the run's start. Costs are counted once (see run_models and the runs roll-up),
 * so the series add up to the total. The largest MAX_SERIES series are drawn; the rest are "other"
 * (ranked in the database: the rows read stay few however many series there are).
 */
export async function spendOverTime(
  db: Kysely<DB>,
  tenantId: string,
  filters: CostFilters,
  by: SpendDimension,
  bucket: SpendBucket,
  nowMs = Date.now(),
): Promise<SpendOverTime> {
  const rows = await spendRows(db, tenantId, filters, by, bucket, nowMs);
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
  const rows = await runCostRows(db, tenantId, filters, bucket);
  return { bucket, windowStart: windowStartIso(filters.window), ...buildCostPerRun(rows) };
}
