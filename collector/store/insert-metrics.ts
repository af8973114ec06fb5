import { sql, type Transaction } from "kysely";
import type { DB, NewMetricPoint, NewMetricSeries } from "@/lib/db/types";
import { stageRowParts } from "@/lib/db/copy";

export interface MetricRows {
  series: NewMetricSeries[];
  points: NewMetricPoint[];
}

const SERIES_COLUMNS = sql.raw(
  "tenant_id, series_key, service_name, metric_name, kind, unit, description, temporality, monotonic, attributes, resource_attributes, scope_name, first_seen_unix_nano",
);
const POINT_COLUMNS: (keyof NewMetricPoint & string)[] = [
  "tenant_id", "series_key", "time_unix_nano", "start_time_unix_nano", "value", "count", "sum", "min", "max", "bounds", "bucket_counts", "flags",
];
/** JSON or COPY text per statement: a series repeats its resource, a histogram point its buckets, so statements are bounded in bytes. */
const JSON_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

/** Rows as JSON arrays of at most JSON_BYTES_PER_STATEMENT each. */
function* jsonParts(rows: readonly object[]): Generator<string> {
  let parts: string[] = [];
  let bytes = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (parts.length > 0 && bytes + json.length > JSON_BYTES_PER_STATEMENT) {
      yield `[${parts.join(",")}]`;
      parts = [];
      bytes = 0;
    }
    parts.push(json);
    bytes += json.length;
  }
  if (parts.length > 0) yield `[${parts.join(",")}]`;
}

/** Each series once (merged exports may repeat one), with its earliest first point. */
function distinctSeries(series: readonly NewMetricSeries[]): NewMetricSeries[] {
  const byId = new Map<string, NewMetricSeries>();
  for (const row of series) {
    const id = `${row.tenant_id}\u0000${row.series_key}`;
    const known = byId.get(id);
    if (!known || BigInt(row.first_seen_unix_nano) < BigInt(known.first_seen_unix_nano)) byId.set(id, row);
  }
  return [...byId.values()];
}

const byKey = (a: NewMetricSeries, b: NewMetricSeries) =>
  a.tenant_id === b.tenant_id ? (a.series_key < b.series_key ? -1 : a.series_key > b.series_key ? 1 : 0) : a.tenant_id < b.tenant_id ? -1 : 1;

/**
 * The series the points need, held for this transaction: known ones under a KEY SHARE lock (it
 * blocks no other writer, only a delete), missing ones inserted (in key order, so writers
 * inserting the same new series wait for each other instead of deadlocking). Retention removes a
 * series left without points only under its row lock (store/metric-retention.ts), so it can
 * never remove one under points being written: it skips it, or this waits for its delete and
 * inserts the series again.
 */
async function holdSeries(trx: Transaction<DB>, series: NewMetricSeries[]): Promise<void> {
  const byTenant = new Map<string, string[]>();
  for (const row of series) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.series_key]);
  const held = new Set<string>();
  for (const [tenantId, keys] of byTenant) {
    const { rows } = await sql<{ series_key: string }>`
      select series_key from metric_series where tenant_id = ${tenantId} and series_key = any(${keys}::text[])
      order by series_key for key share`.execute(trx);
    for (const row of rows) held.add(`${tenantId}\u0000${row.series_key}`);
  }
  const missing = series.filter((row) => !held.has(`${row.tenant_id}\u0000${row.series_key}`)).sort(byKey);
  for (const part of jsonParts(missing)) {
    await sql`
      insert into metric_series (${SERIES_COLUMNS})
      select tenant_id, series_key, service_name, metric_name, kind, unit, description, temporality, monotonic,
        coalesce(attributes, '{}'), coalesce(resource_attributes, '{}'), scope_name, first_seen_unix_nano
      from json_populate_recordset(null::metric_series, ${part}::text::json)
      on conflict (tenant_id, series_key) do nothing`.execute(trx);
  }
}

/** A PostgreSQL array literal for COPY: the stage's array columns do not read JSON. */
const arrayLiteral = (values: readonly (string | number)[] | null | undefined): string | null => (values ? `{${values.join(",")}}` : null);

/**
 * The series the points need (holdSeries), then the points by COPY into a stage and one insert
 * from it that skips points already stored, as spans and log records are. Returns how many were new.
 */
export async function insertMetrics(trx: Transaction<DB>, rows: MetricRows): Promise<number> {
  await holdSeries(trx, distinctSeries(rows.series));
  // Finite numbers only (normalize/metrics.ts), so the array literals need no quoting.
  const points = rows.points.map((point) => ({ ...point, bounds: arrayLiteral(point.bounds), bucket_counts: arrayLiteral(point.bucket_counts) }));
  let inserted = 0;
  await stageRowParts(trx, "metric_points", POINT_COLUMNS, points, JSON_BYTES_PER_STATEMENT, async (stage) => {
    const { rows: added } = await sql<{ one: number }>`
      insert into metric_points (${sql.join(POINT_COLUMNS.map((column) => sql.ref(column)))})
      select tenant_id, series_key, time_unix_nano, start_time_unix_nano, value, count, sum, min, max, bounds, bucket_counts, coalesce(flags, 0)
      from ${sql.raw(stage)}
      on conflict (tenant_id, series_key, time_unix_nano) do nothing
      returning 1 as one`.execute(trx);
    inserted += added.length;
  });
  return inserted;
}
