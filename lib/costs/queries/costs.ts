import { sql, type Kysely, type RawBuilder } from "kysely";
import type { CostFilters, CostlyRun, CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, SpendSeries, TopRuns, TopRunsCursor } from "@/lib/costs/types";
import type { DB } from "@/lib/db/types";
import { encodePageCursor } from "@/lib/http/pagination";
import { nsToIso, nsToMs } from "@/lib/runs/run-view";
import type { RunStatus } from "@/lib/runs/types";
import { windowCondition, windowStartIso } from "@/lib/runs/queries/run-stats";
import { BUCKET_NS, BUCKET_OFFSET_NS, MAX_TREND_POINTS } from "@/lib/workloads/queries/workload-trend";

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

/**
 * Spend per (bucket, dimension value) in the window, one pass over narrow rows grouped on plain
 * columns (keys and labels are built in code): runs for workload, version and deployment (zero-cost
 * runs included, so the same pass counts runs), run_models for model.
 */
function spendGroups(tenantId: string, filters: CostFilters, by: SpendDimension, bucket: SpendBucket): RawBuilder<unknown> {
  if (by === "model") {
    return sql`
      select ${bucketExpression(bucket, sql`t.run_start_unix_nano`)} as bucket, t.model_vendor as a, t.model_name as b,
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
    select ${bucketExpression(bucket, sql`t.start_time_unix_nano`)} as bucket, ${columns}, sum(t.cost_usd) as cost, count(*) as runs
    from runs t
    where t.tenant_id = ${tenantId}${filterConditions(filters, RUN_COLUMNS)}
    group by ${groupBy}`;
}

interface SpendGroupRow {
  bucket: string;
  /** workload / deployment / model vendor */
  a: string | null;
  /** logic id / model name */
  b: string | null;
  version: string | null;
  cost: string;
  runs: string;
}

/** A group's series key, label and links. */
function seriesOf(by: SpendDimension, row: SpendGroupRow): Omit<SpendSeries, "totalUsd"> {
  switch (by) {
    case "workload":
      return { key: row.a ?? "", label: row.a ?? "(no workload)", workload: row.a, logicId: null };
    case "deployment":
      return { key: row.a ?? "", label: row.a ?? "(no deployment)", workload: null, logicId: null };
    case "model": {
      const vendor = row.a ?? "";
      const model = row.b ?? "";
      const label = model === "" ? "(no model)" : vendor === "" ? model : `${model} (${vendor})`;
      return { key: `${vendor}${SEP}${model}`, label, workload: null, logicId: null };
    }
    case "version": {
      const label = row.b === null ? "(no version)" : `${row.a ?? "?"} ${row.version ? `${row.version} · ` : ""}${row.b.slice(0, 8)}`;
      return { key: `${row.a ?? ""}${SEP}${row.b ?? ""}`, label, workload: row.a, logicId: row.b };
    }
  }
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

  let runCount = 0;
  const byKey = new Map<string, SpendSeries>();
  const keyOf: string[] = [];
  for (const row of rows) {
    runCount += Number(row.runs);
    const cost = Number(row.cost);
    const described = seriesOf(by, row);
    keyOf.push(described.key);
    const series = byKey.get(described.key);
    if (series) {
      series.totalUsd += cost;
      // A version string may change under one logic id: the label keeps the smallest, as SQL min() did.
      if (described.label < series.label) series.label = described.label;
    } else {
      byKey.set(described.key, { ...described, totalUsd: cost });
    }
  }
  const ranked = [...byKey.values()].filter((s) => s.totalUsd > 0).sort((a, b) => b.totalUsd - a.totalUsd || (a.key < b.key ? -1 : 1));
  const shown = new Set(ranked.slice(0, MAX_SERIES).map((s) => s.key));
  const series = ranked.slice(0, MAX_SERIES);
  const rest = ranked.slice(MAX_SERIES);
  if (rest.length > 0) {
    series.push({ key: OTHER_KEY, label: "Other", workload: null, logicId: null, totalUsd: rest.reduce((sum, s) => sum + s.totalUsd, 0) });
  }

  const byBucket = new Map<string, Record<string, number>>();
  let firstNs: bigint | null = null;
  let lastNs: bigint | null = null;
  for (const [i, row] of rows.entries()) {
    const cost = Number(row.cost);
    if (!(cost > 0)) continue;
    const ns = BigInt(row.bucket);
    if (firstNs === null || ns < firstNs) firstNs = ns;
    if (lastNs === null || ns > lastNs) lastNs = ns;
    const values = byBucket.get(String(row.bucket)) ?? {};
    const key = shown.has(keyOf[i]!) ? keyOf[i]! : OTHER_KEY;
    values[key] = (values[key] ?? 0) + cost;
    byBucket.set(String(row.bucket), values);
  }

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

  if (by === "model") {
    // Runs without any model usage count too: the count comes from the runs themselves.
    const count = await sql<{ runs: string }>`
      select count(*) as runs from runs t where t.tenant_id = ${tenantId}${filterConditions(filters, RUN_COLUMNS)}`.execute(db);
    runCount = Number(count.rows[0]?.runs ?? 0);
  }
  return {
    by,
    bucket,
    windowStart: windowStartIso(filters.window),
    series,
    points,
    totalUsd: series.reduce((sum, s) => sum + s.totalUsd, 0),
    runCount,
  };
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
  const { rows } = await sql<{ bucket: string; workload: string; cost: string; runs: string }>`
    select ${bucketExpression(bucket, sql`t.start_time_unix_nano`)} as bucket, t.workload_name as workload,
      sum(t.cost_usd) as cost, count(*) as runs
    from runs t
    where t.tenant_id = ${tenantId} and t.workload_name is not null and t.status <> 'running'${filterConditions(filters, RUN_COLUMNS)}
    group by 1, 2`.execute(db);
  const spent = new Map<string, number>();
  for (const row of rows) spent.set(row.workload, (spent.get(row.workload) ?? 0) + Number(row.cost));
  const top = new Set(
    [...spent.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, MAX_TREND_WORKLOADS)
      .map(([workload]) => workload),
  );
  const byBucket = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (!top.has(row.workload)) continue;
    const values = byBucket.get(String(row.bucket)) ?? {};
    values[row.workload] = Number(row.cost) / Number(row.runs);
    byBucket.set(String(row.bucket), values);
  }
  const points = [...byBucket.entries()]
    .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
    .slice(-MAX_TREND_POINTS)
    .map(([start, values]) => ({ start: nsToIso(start), values }));
  return { bucket, windowStart: windowStartIso(filters.window), workloads: [...top].sort(), points };
}
