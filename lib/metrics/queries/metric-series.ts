import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { DB, JsonObject, JsonValue } from "@/lib/db/types";
import type { Buckets } from "@/lib/metrics/histogram";
import { isDelta, metricSummary, type SeriesIdentity } from "@/lib/metrics/measure";
import { ParamError } from "@/lib/http/params";
import { encodeGroupCursor, type MetricSeriesQuery } from "@/lib/metrics/params";
import {
  cumulativeDeltas,
  cumulativeRates,
  deltaDistributions,
  distributionPoint,
  emptyPoint,
  mergeBuckets,
  type Distribution,
  type StepSample,
} from "@/lib/metrics/step-values";
import type { MetricGroup, MetricPoint, MetricSeriesResult } from "@/lib/metrics/types";

/** Series one query reads: a metric with more (a cardinality explosion) is charted from the first ones by key. */
export const MAX_SERIES_PER_QUERY = 500;
/** Series × steps one query may chart: past this the answer (and the rows behind it) would not fit a page's memory. */
export const MAX_CELLS = 250_000;

interface SeriesRow extends SeriesIdentity {
  series_key: string;
  attributes: JsonObject;
}

interface PointRow {
  series_key: string;
  step: string;
  time_unix_nano: string;
  start_time_unix_nano: string | null;
  value: number | null;
  count: string | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  bounds: number[] | null;
  bucket_counts: (string | number)[] | null;
}

const groupValue = (value: JsonValue | undefined): string | null => (value === undefined || value === null ? null : typeof value === "string" ? value : JSON.stringify(value));

/** The series of each group, groups in label order. */
function groupSeries(series: readonly SeriesRow[], groupBy: string | undefined): { key: JsonObject; label: string; keys: string[] }[] {
  if (groupBy === undefined) return series.length === 0 ? [] : [{ key: {}, label: "all series", keys: series.map((s) => s.series_key) }];
  const groups = new Map<string, { key: JsonObject; label: string; keys: string[] }>();
  for (const row of series) {
    const value = groupValue(row.attributes[groupBy]);
    const id = value ?? "\u0000";
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key: { [groupBy]: value }, label: value === null ? `${groupBy} not set` : `${groupBy}=${value}`, keys: [] }));
    group.keys.push(row.series_key);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

function toSample(row: PointRow): StepSample {
  return {
    step: Number(row.step),
    timeNs: BigInt(row.time_unix_nano),
    startNs: row.start_time_unix_nano === null ? null : BigInt(row.start_time_unix_nano),
    value: row.value,
    count: row.count === null ? null : Number(row.count),
    sum: row.sum,
    min: row.min,
    max: row.max,
    buckets: row.bucket_counts === null ? null : { bounds: row.bounds ?? [], counts: row.bucket_counts.map(Number) },
  };
}

/** How a metric's points are read, per step and series: last point (cumulative), added up (delta histograms), or aggregated (gauges, delta sums). */
type ReadShape = "last" | "every" | "mean" | "total";

function readShape(identity: SeriesIdentity): ReadShape {
  if (identity.kind === "gauge") return "mean";
  const delta = isDelta(identity.temporality);
  if (identity.kind === "sum") return delta ? "total" : "last";
  if (identity.kind === "summary") return "last";
  return delta ? "every" : "last";
}

/**
 * The points of `keys` from the step before the window (`readFromNs`, so the first step has
 * something to count its increase from) to the window's end, numbered by step (0: the one before).
 */
async function readPoints(db: Kysely<DB>, tenantId: string, keys: string[], shape: ReadShape, readFromNs: bigint, toNs: bigint, stepNs: bigint): Promise<PointRow[]> {
  const from = readFromNs.toString();
  // A point flagged "no recorded value" (a staleness marker) holds nothing to chart.
  const inWindow = sql<SqlBool>`tenant_id = ${tenantId} and series_key = any(${keys}::text[])
    and time_unix_nano >= ${from}::int8 and time_unix_nano < ${toNs.toString()}::int8 and (flags & 1) = 0`;
  const step = sql`((time_unix_nano - ${from}::int8) / ${stepNs.toString()}::int8)`;
  if (shape === "mean" || shape === "total") {
    const value = shape === "mean" ? sql`avg(value)` : sql`sum(value)`;
    const { rows } = await sql<PointRow>`
      select series_key, ${step} as step, max(time_unix_nano) as time_unix_nano, null as start_time_unix_nano, ${value} as value,
        null as count, null as sum, null as min, null as max, null as bounds, null as bucket_counts
      from metric_points where ${inWindow} group by 1, 2 order by 1, 2`.execute(db);
    return rows;
  }
  const columns = sql`series_key, ${step} as step, time_unix_nano, start_time_unix_nano, value, count, sum, min, max, bounds, bucket_counts`;
  if (shape === "every") return addedUpPoints(db, inWindow, step);
  const { rows } = await sql<PointRow>`
    select distinct on (1, 2) ${columns}
    from metric_points where ${inWindow} order by 1, 2, time_unix_nano desc`.execute(db);
  return rows.sort((a, b) => (a.series_key === b.series_key ? Number(a.step) - Number(b.step) : a.series_key < b.series_key ? -1 : 1));
}

/**
 * Delta histogram points added up per series and step in the database: counts and sums, min and
 * max, and the bucket counts position by position per set of bounds (a rescaled exponential
 * histogram's steps keep one row per set, merged here). Rows grow with series × steps, not points.
 */
async function addedUpPoints(db: Kysely<DB>, inWindow: RawBuilder<SqlBool>, step: RawBuilder<unknown>): Promise<PointRow[]> {
  const { rows: figures } = await sql<PointRow>`
    select series_key, ${step} as step, max(time_unix_nano) as time_unix_nano, null as start_time_unix_nano, null as value,
      sum(count) as count, sum(sum) as sum, min(min) as min, max(max) as max, null as bounds, null as bucket_counts
    from metric_points where ${inWindow} group by 1, 2 order by 1, 2`.execute(db);
  const { rows: buckets } = await sql<{ series_key: string; step: string; bounds: number[] | null; bucket_counts: (string | number)[] }>`
    select series_key, step, bounds, array_agg(total order by position) as bucket_counts
    from (
      select series_key, ${step} as step, bounds, u.position, sum(u.count) as total
      from metric_points, unnest(bucket_counts) with ordinality as u(count, position)
      where ${inWindow} group by 1, 2, 3, 4) as per_position
    group by 1, 2, 3`.execute(db);
  const byStep = new Map<string, Buckets>();
  for (const row of buckets) {
    const id = `${row.series_key}/${row.step}`;
    const own = { bounds: row.bounds ?? [], counts: row.bucket_counts.map(Number) };
    const known = byStep.get(id);
    byStep.set(id, known ? mergeBuckets(known, own) : own);
  }
  return figures.map((row) => {
    const merged = byStep.get(`${row.series_key}/${row.step}`);
    return { ...row, bounds: merged?.bounds ?? null, bucket_counts: merged?.counts ?? null };
  });
}

function bySeries(rows: readonly PointRow[]): Map<string, StepSample[]> {
  const out = new Map<string, StepSample[]>();
  for (const row of rows) {
    let samples = out.get(row.series_key);
    if (!samples) out.set(row.series_key, (samples = []));
    samples.push(toSample(row));
  }
  return out;
}

/** One group's points: each series' per-step figures, combined across the group's series. */
interface StepGrid {
  steps: number;
  stepNs: bigint;
  readFromNs: bigint;
  toNs: bigint;
  timeOf: (step: number) => string;
}

/** Seconds of the window a step covers: the last one may end at `to`, short of a whole step. */
function stepSeconds(grid: StepGrid, step: number): number {
  const start = grid.readFromNs + BigInt(step) * grid.stepNs;
  const end = start + grid.stepNs < grid.toNs ? start + grid.stepNs : grid.toNs;
  return Number(end - start) / 1e9;
}

function groupPoints(identity: SeriesIdentity, shape: ReadShape, samples: Map<string, StepSample[]>, keys: readonly string[], grid: StepGrid): MetricPoint[] {
  const { steps, readFromNs, timeOf } = grid;
  if (shape === "every" || (shape === "last" && identity.kind !== "sum")) {
    const perStep: Distribution[][] = Array.from({ length: steps + 1 }, () => []);
    for (const key of keys) {
      const own = samples.get(key) ?? [];
      const deltas = shape === "every" ? deltaDistributions(own) : cumulativeDeltas(own, readFromNs);
      for (const [step, delta] of deltas) if (step <= steps) perStep[step]!.push(delta);
    }
    return Array.from({ length: steps }, (_, i) => distributionPoint(timeOf(i + 1), perStep[i + 1]!));
  }
  const perStep: number[][] = Array.from({ length: steps + 1 }, () => []);
  for (const key of keys) {
    const own = samples.get(key) ?? [];
    if (shape === "last" && identity.monotonic === true) {
      for (const [step, rate] of cumulativeRates(own, readFromNs)) if (step <= steps) perStep[step]!.push(rate);
      continue;
    }
    // A delta counter's step total, per second of the step; other values as they are.
    const perSecond = shape === "total" && identity.monotonic === true;
    for (const sample of own) {
      if (sample.step > 0 && sample.step <= steps && sample.value !== null) perStep[sample.step]!.push(perSecond ? sample.value / stepSeconds(grid, sample.step) : sample.value);
    }
  }
  return Array.from({ length: steps }, (_, i) => {
    const values = perStep[i + 1]!;
    if (values.length === 0) return emptyPoint(timeOf(i + 1));
    const total = values.reduce((a, b) => a + b, 0);
    // Gauges average across the group's series; rates and up-down sums add up.
    return { ...emptyPoint(timeOf(i + 1)), value: shape === "mean" ? total / values.length : total };
  });
}

/** A metric's series over a window, per step, in groups of one attribute's value; null when the tenant has no such metric. */
export async function readMetricSeries(db: Kysely<DB>, tenantId: string, query: MetricSeriesQuery): Promise<MetricSeriesResult | null> {
  const { rows: found } = await sql<SeriesRow>`
    select series_key, attributes, service_name, metric_name, kind, unit, description, temporality, monotonic
    from metric_series
    where tenant_id = ${tenantId} and metric_name = ${query.name}${query.service !== undefined ? sql` and service_name = ${query.service}` : sql``}
    order by series_key limit ${MAX_SERIES_PER_QUERY + 1}`.execute(db);
  if (found.length === 0) return null;
  const identity = found[0]!;
  // Series that read another way (another kind, a counter turned delta) are left to their own chart: added up they would mislead.
  const readsAlike = (row: SeriesRow) => row.kind === identity.kind && isDelta(row.temporality) === isDelta(identity.temporality) && (row.monotonic === true) === (identity.monotonic === true);
  const series = found.slice(0, MAX_SERIES_PER_QUERY).filter(readsAlike);
  const attributeKeys = [...new Set(series.flatMap((row) => Object.keys(row.attributes)))].sort().slice(0, 50);
  const groups = groupSeries(series, query.groupBy);
  const page = groups.slice(query.offset, query.offset + query.limit);
  const shape = readShape(identity);
  const readFromNs = query.fromNs - query.stepNs;
  const steps = Number((query.toNs - query.fromNs + query.stepNs - 1n) / query.stepNs);
  const keys = page.flatMap((group) => group.keys);
  if (keys.length * steps > MAX_CELLS) {
    throw new ParamError("step", `charts ${keys.length} series over ${steps} steps, more than ${MAX_CELLS.toLocaleString("en-US")} figures; use a larger step, fewer groups (limit) or a narrower window`);
  }
  const samples = bySeries(keys.length > 0 ? await readPoints(db, tenantId, keys, shape, readFromNs, query.toNs, query.stepNs) : []);
  const timeOf = (step: number) => new Date(Number((readFromNs + BigInt(step) * query.stepNs) / 1_000_000n)).toISOString();
  const result: MetricGroup[] = page.map((group) => ({
    key: group.key,
    label: group.label,
    seriesCount: group.keys.length,
    points: groupPoints(identity, shape, samples, group.keys, { steps, stepNs: query.stepNs, readFromNs, toNs: query.toNs, timeOf }),
  }));
  const nextOffset = query.offset + page.length;
  return {
    metric: metricSummary(identity, series.length, attributeKeys),
    from: new Date(Number(query.fromNs / 1_000_000n)).toISOString(),
    to: new Date(Number(query.toNs / 1_000_000n)).toISOString(),
    stepSeconds: Number(query.stepNs / 1_000_000_000n),
    groupBy: query.groupBy ?? null,
    groups: result,
    nextCursor: nextOffset < groups.length ? encodeGroupCursor(nextOffset) : null,
    seriesTruncated: found.length > MAX_SERIES_PER_QUERY,
  };
}
