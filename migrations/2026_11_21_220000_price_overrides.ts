import { sql, type Kysely } from "kysely";

// Tenant prices and the costs page:
// - price_overrides: a tenant's own price per model from a date on (wins over the price library);
// - reprice_jobs: recomputing stored costs after a price change, in the background, with progress.
//   Spans stored before pricing existed are priced by one such job, queued here;
// - spans_model_idx: a repricing job walks one model's spans in key order;
// - run_models: usage and cost per (run, model), counted once, so spend by model over months
//   reads narrow rows rather than every wide span. The collector keeps it current with the runs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table price_overrides (
      tenant_id text not null references tenants (id) on delete cascade,
      id bigint generated always as identity,
      provider text,
      model text not null,
      effective_from timestamptz not null,
      input_usd_per_mtok numeric(20, 10) not null check (input_usd_per_mtok >= 0),
      output_usd_per_mtok numeric(20, 10) not null check (output_usd_per_mtok >= 0),
      cache_read_usd_per_mtok numeric(20, 10) check (cache_read_usd_per_mtok >= 0),
      cache_write_usd_per_mtok numeric(20, 10) check (cache_write_usd_per_mtok >= 0),
      created_at timestamptz not null default now(),
      constraint price_overrides_pkey primary key (tenant_id, id)
    )`.execute(db);
  // One price per (model, provider, date): setting it again replaces it.
  await sql`create unique index price_overrides_key on price_overrides (tenant_id, lower(model), lower(coalesce(provider, '')), effective_from)`.execute(db);

  await sql`
    create table reprice_jobs (
      id bigint generated always as identity primary key,
      tenant_id text not null references tenants (id) on delete cascade,
      reason text not null,
      model text,
      status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
      total_spans int8 not null default 0,
      done_spans int8 not null default 0,
      changed_spans int8 not null default 0,
      error text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      heartbeat_at timestamptz
    )`.execute(db);
  await sql`create index reprice_jobs_pending_idx on reprice_jobs (id) where status in ('queued', 'running')`.execute(db);
  await sql`create index reprice_jobs_tenant_idx on reprice_jobs (tenant_id, id desc)`.execute(db);

  await sql`create index spans_model_idx on spans (tenant_id, lower(model_name), trace_id, span_id) where model_name is not null`.execute(db);

  await sql`
    create table run_models (
      tenant_id text not null references tenants (id) on delete cascade,
      run_id text not null,
      model_vendor text not null,
      model_name text not null,
      workload_name text,
      logic_id text,
      deployment_id text,
      run_start_unix_nano int8 not null,
      calls integer not null,
      input_tokens int8 not null default 0,
      output_tokens int8 not null default 0,
      cost_usd numeric(20, 10) not null default 0,
      constraint run_models_pkey primary key (tenant_id, run_id, model_vendor, model_name)
    )`.execute(db);
  await sql`create index run_models_start_idx on run_models (tenant_id, run_start_unix_nano)`.execute(db);
  // Runs stored before this migration (a frozen copy of the collector's statement, as migrations
  // never import app code). '' stands for "no vendor" / "no model".
  await sql`
    insert into run_models (tenant_id, run_id, model_vendor, model_name, workload_name, logic_id, deployment_id,
      run_start_unix_nano, calls, input_tokens, output_tokens, cost_usd)
    select r.tenant_id, r.run_id, m.model_vendor, m.model_name, r.workload_name, r.workload_logic_id, r.deployment_id,
      r.start_time_unix_nano, m.calls, m.input_tokens, m.output_tokens, m.cost_usd
    from (
      select s.tenant_id, s.run_id, coalesce(s.model_vendor, '') as model_vendor, coalesce(s.model_name, '') as model_name,
        count(*)::int as calls, coalesce(sum(s.input_tokens), 0)::int8 as input_tokens,
        coalesce(sum(s.output_tokens), 0)::int8 as output_tokens, coalesce(sum(s.cost_usd), 0) as cost_usd
      from spans s
      where s.counts_usage and (s.cost_usd is not null or s.input_tokens is not null or s.output_tokens is not null)
      group by 1, 2, 3, 4
    ) m
    join runs r on r.tenant_id = m.tenant_id and r.run_id = m.run_id`.execute(db);

  // LLM spans stored before pricing at ingest have tokens and no cost: price them in the background.
  await sql`
    insert into reprice_jobs (tenant_id, reason)
    select distinct tenant_id, 'Price spans stored before pricing'
    from spans where cost_source is null and model_name is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists run_models`.execute(db);
  await sql`drop index if exists spans_model_idx`.execute(db);
  await sql`drop table if exists reprice_jobs`.execute(db);
  await sql`drop table if exists price_overrides`.execute(db);
}
