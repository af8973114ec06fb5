import { sql, type Kysely, type SqlBool } from "kysely";
import type { DB } from "@/lib/db/types";
import { metricSummary, type SeriesIdentity } from "@/lib/metrics/measure";
import type { MetricCursor, MetricListQuery } from "@/lib/metrics/params";
import type { MetricServices, MetricSummary } from "@/lib/metrics/types";

/** Series read per metric to list the attribute keys it can be grouped by. */
const KEY_SAMPLE_SERIES = 200;
const MAX_ATTRIBUTE_KEYS = 50;

/** The services that sent metrics, with how many metrics each. */
export async function listMetricServices(db: Kysely<DB>, tenantId: string): Promise<MetricServices> {
  const { rows } = await sql<{ service_name: string | null; metrics: string }>`
    select service_name, count(distinct metric_name) as metrics from metric_series
    where tenant_id = ${tenantId} group by service_name order by service_name nulls last limit 1000`.execute(db);
  return { services: rows.map((row) => ({ name: row.service_name, metrics: Number(row.metrics) })) };
}

interface MetricRow extends SeriesIdentity {
  series: string;
}

/**
 * A tenant's metrics (of one service, or all), by service and name, one entry per metric with
 * its series count and the attribute keys of (a sample of) its series. Runs on
 * metric_series_metric_idx. A metric sent with two kinds or temporalities lists as its first series
 * by key has it, as its chart reads it (metric-series.ts).
 */
export async function listMetrics(db: Kysely<DB>, tenantId: string, query: MetricListQuery): Promise<{ metrics: MetricSummary[]; nextCursor: MetricCursor | null }> {
  const filters = [
    ...(query.service !== undefined ? [sql<SqlBool>`service_name = ${query.service}`] : []),
    ...(query.cursor ? [sql<SqlBool>`(coalesce(service_name, ''), metric_name) > (${query.cursor.service}, ${query.cursor.name})`] : []),
  ];
  const { rows } = await sql<MetricRow>`
    select service_name, metric_name, (array_agg(kind order by series_key))[1] as kind, (array_agg(unit order by series_key))[1] as unit,
      (array_agg(description order by series_key))[1] as description, (array_agg(temporality order by series_key))[1] as temporality,
      (array_agg(monotonic order by series_key))[1] as monotonic, count(*) as series
    from metric_series
    where tenant_id = ${tenantId}${filters.length ? sql` and ${sql.join(filters, sql` and `)}` : sql``}
    group by service_name, metric_name
    order by coalesce(service_name, ''), metric_name
    limit ${query.limit + 1}`.execute(db);
  const page = rows.slice(0, query.limit);
  const keys = await attributeKeys(db, tenantId, page);
  const metrics = page.map((row) => metricSummary(row, Number(row.series), keys.get(metricId(row.service_name, row.metric_name)) ?? []));
  const last = page[page.length - 1];
  return { metrics, nextCursor: rows.length > query.limit && last ? { service: last.service_name ?? "", name: last.metric_name } : null };
}

const metricId = (service: string | null, name: string) => `${service ?? ""}\u0000${name}`;

async function attributeKeys(db: Kysely<DB>, tenantId: string, metrics: readonly SeriesIdentity[]): Promise<Map<string, string[]>> {
  const byMetric = new Map<string, string[]>();
  if (metrics.length === 0) return byMetric;
  const { rows } = await sql<{ service_name: string | null; metric_name: string; keys: string[] | null }>`
    select m.service_name, m.metric_name, array(
      select distinct k from (
        select s.attributes from metric_series s
        where s.tenant_id = ${tenantId} and s.metric_name = m.metric_name
          and (s.service_name = m.service_name or (s.service_name is null and m.service_name is null))
        limit ${KEY_SAMPLE_SERIES}) sample, jsonb_object_keys(sample.attributes) k
      order by k limit ${MAX_ATTRIBUTE_KEYS}) as keys
    from unnest(${metrics.map((m) => m.service_name)}::text[], ${metrics.map((m) => m.metric_name)}::text[]) as m(service_name, metric_name)`.execute(db);
  for (const row of rows) byMetric.set(metricId(row.service_name, row.metric_name), row.keys ?? []);
  return byMetric;
}
