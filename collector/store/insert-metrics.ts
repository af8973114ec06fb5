import { sql, type Transaction } from "kysely";
import type { DB, NewMetricPoint, NewMetricSeries } from "@/lib/db/types";

export interface MetricRows {
  series: NewMetricSeries[];
  points: NewMetricPoint[];
}

const SERIES_COLUMNS = sql.raw(
  "tenant_id, series_key, service_name, metric_name, kind, unit, description, temporality, monotonic, attributes, resource_attributes, scope_name, first_seen_unix_nano",
);
const POINT_COLUMNS = sql.raw("tenant_id, series_key, time_unix_nano, start_time_unix_nano, value, count, sum, min, max, bounds, bucket_counts, flags");
/** JSON per statement: a series repeats its resource, a histogram point its buckets, so statements are bounded in bytes. */
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

/** Each series once (merged exports may repeat one), with its earliest first point: DO UPDATE may not meet a row twice in one statement. */
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
 * Series first, in key order (so writers inserting the same new series wait for each other
 * instead of deadlocking), then points. A known series is locked rather than skipped (ON
 * CONFLICT DO UPDATE locks the row even where its WHERE leaves it unchanged): retention, which
 * removes series left without points under the same lock, then waits for these points instead
 * of removing their series from under them. Points go each as one JSON parameter per
 * statement unpacked by the database, as log records are. Returns how many points were new.
 */
export async function insertMetrics(trx: Transaction<DB>, rows: MetricRows): Promise<number> {
  for (const part of jsonParts(distinctSeries(rows.series).sort(byKey))) {
    await sql`
      insert into metric_series (${SERIES_COLUMNS})
      select tenant_id, series_key, service_name, metric_name, kind, unit, description, temporality, monotonic,
        coalesce(attributes, '{}'), coalesce(resource_attributes, '{}'), scope_name, first_seen_unix_nano
      from json_populate_recordset(null::metric_series, ${part}::text::json)
      on conflict (tenant_id, series_key) do update set first_seen_unix_nano = excluded.first_seen_unix_nano
        where metric_series.first_seen_unix_nano > excluded.first_seen_unix_nano`.execute(trx);
  }
  let inserted = 0;
  for (const part of jsonParts(rows.points)) {
    const { rows: added } = await sql<{ one: number }>`
      insert into metric_points (${POINT_COLUMNS})
      select tenant_id, series_key, time_unix_nano, start_time_unix_nano, value, count, sum, min, max, bounds, bucket_counts, coalesce(flags, 0)
      from json_populate_recordset(null::metric_points, ${part}::text::json)
      on conflict (tenant_id, series_key, time_unix_nano) do nothing
      returning 1 as one`.execute(trx);
    inserted += added.length;
  }
  return inserted;
}
