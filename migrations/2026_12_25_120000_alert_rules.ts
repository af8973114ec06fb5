import { sql, type Kysely } from "kysely";

// Alert rules (issue 22): a tenant's conditions on its runs ("error rate > 5% over 1 h", "a new
// version regressed"), each with the webhook it notifies. A rule keeps its state (ok / firing);
// each transition (and each test) is an alert event with the body sent, delivered with retries;
// every attempt is a row of webhook_deliveries, the delivery log.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table alert_rules (
      id int8 generated always as identity,
      tenant_id text not null references tenants (id) on delete cascade,
      name text not null,
      workload_name text,
      deployment_id text,
      condition text not null check (condition in ('error_rate', 'p95_duration', 'cost_per_day', 'version_regressed')),
      threshold float8,
      window_seconds int4 not null,
      webhook_url text not null,
      secret text not null,
      state text not null default 'ok' check (state in ('ok', 'firing')),
      state_since timestamptz,
      last_value float8,
      last_evaluated_at timestamptz,
      created_at timestamptz not null default now(),
      constraint alert_rules_pkey primary key (tenant_id, id)
    )`.execute(db);
  await sql`
    create table alert_events (
      id int8 generated always as identity,
      tenant_id text not null references tenants (id) on delete cascade,
      rule_id int8 not null,
      kind text not null check (kind in ('firing', 'resolved', 'test')),
      at timestamptz not null default now(),
      value float8,
      body jsonb not null,
      attempts int4 not null default 0,
      delivered_at timestamptz,
      next_attempt_at timestamptz,
      last_status int4,
      last_error text,
      constraint alert_events_pkey primary key (tenant_id, id),
      constraint alert_events_rule_fkey foreign key (tenant_id, rule_id) references alert_rules (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index alert_events_rule_idx on alert_events (tenant_id, rule_id, id desc)`.execute(db);
  await sql`create index alert_events_due_idx on alert_events (next_attempt_at) where next_attempt_at is not null`.execute(db);
  await sql`
    create table webhook_deliveries (
      id int8 generated always as identity,
      tenant_id text not null references tenants (id) on delete cascade,
      event_id int8 not null,
      attempt int4 not null,
      at timestamptz not null default now(),
      status int4,
      error text,
      duration_ms int4 not null,
      constraint webhook_deliveries_pkey primary key (tenant_id, id),
      constraint webhook_deliveries_event_fkey foreign key (tenant_id, event_id) references alert_events (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index webhook_deliveries_event_idx on webhook_deliveries (tenant_id, event_id, attempt)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table webhook_deliveries`.execute(db);
  await sql`drop table alert_events`.execute(db);
  await sql`drop table alert_rules`.execute(db);
}
