import { sql, type Kysely } from "kysely";

// OTLP metrics (issue 21). A series (one metric of one resource and scope with one attribute
// set) is stored once, under a digest of that identity; its points then carry only the key, the
// time and the numbers. The points' primary key (tenant, series, time) is the one index a chart
// reads: a series' window is one range scan whatever the table holds, and a re-delivered point
// (same series, same time) is skipped. Exponential histograms are stored with their buckets as
// explicit bounds, so every histogram reads the same way.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table metric_series (
      tenant_id text not null references tenants (id) on delete cascade,
      series_key text not null,
      service_name text,
      metric_name text not null,
      kind text not null check (kind in ('gauge', 'sum', 'histogram', 'exponential_histogram', 'summary')),
      unit text,
      description text,
      temporality int2,
      monotonic boolean,
      attributes jsonb not null default '{}',
      resource_attributes jsonb not null default '{}',
      scope_name text,
      first_seen_unix_nano int8 not null,
      constraint metric_series_pkey primary key (tenant_id, series_key)
    )`.execute(db);
  await sql`create index metric_series_metric_idx on metric_series (tenant_id, service_name, metric_name)`.execute(db);
  // Retention's cursor: a series' first_seen moves up to the cutoff once its older points are
  // gone, so each pass visits only series that may still hold expired points.
  await sql`create index metric_series_first_seen_idx on metric_series (tenant_id, first_seen_unix_nano)`.execute(db);
  await sql`
    create table metric_points (
      tenant_id text not null references tenants (id) on delete cascade,
      series_key text not null,
      time_unix_nano int8 not null,
      start_time_unix_nano int8,
      value float8,
      count int8,
      sum float8,
      min float8,
      max float8,
      bounds float8[],
      bucket_counts int8[],
      flags int2 not null default 0,
      constraint metric_points_pkey primary key (tenant_id, series_key, time_unix_nano)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table metric_points`.execute(db);
  await sql`drop table metric_series`.execute(db);
}
