import { sql, type Kysely } from "kysely";

// Frozen in time: migrations never import app code (Kysely's own convention).
// Times are int8 nanoseconds since the epoch so OTLP's fixed64 values survive exactly;
// timestamptz would round them to microseconds.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tenants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Local use needs no keys: everything lands in this tenant until keys exist.
  await db.insertInto("tenants").values({ id: "default", name: "Default" }).execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("name", "text")
    .addColumn("key_prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("spans")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("trace_id", "text", (c) => c.notNull())
    .addColumn("span_id", "text", (c) => c.notNull())
    .addColumn("parent_span_id", "text")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "smallint", (c) => c.notNull().defaultTo(0))
    .addColumn("start_time_unix_nano", "int8", (c) => c.notNull())
    .addColumn("end_time_unix_nano", "int8", (c) => c.notNull())
    .addColumn("duration_ns", "int8", (c) => c.notNull())
    .addColumn("status_code", "text", (c) =>
      c.notNull().defaultTo("unset").check(sql`status_code in ('unset', 'ok', 'error')`),
    )
    .addColumn("status_message", "text")
    .addColumn("service_name", "text")
    .addColumn("scope_name", "text")
    .addColumn("scope_version", "text")
    .addColumn("workload_id", "text")
    .addColumn("workload_name", "text")
    .addColumn("workload_version", "text")
    .addColumn("workload_logic_id", "text")
    .addColumn("deployment_id", "text")
    .addColumn("node_name", "text")
    .addColumn("node_role", "text")
    .addColumn("nodespec_id", "text")
    .addColumn("model_vendor", "text")
    .addColumn("model_name", "text")
    .addColumn("input_tokens", "int8")
    .addColumn("output_tokens", "int8")
    .addColumn("total_tokens", "int8")
    .addColumn("cache_read_tokens", "int8")
    .addColumn("cache_write_tokens", "int8")
    .addColumn("cost_usd", sql`numeric(20, 10)`)
    // False when another span already reports this usage (an agent.llm span under its node,
    // an agent span summing its children): roll-ups add only spans where it is true.
    .addColumn("counts_usage", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("input_text", "text")
    .addColumn("output_text", "text")
    .addColumn("attributes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("resource_attributes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("events", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("links", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // Re-delivered spans collide here, which is what makes ingest idempotent.
    .addPrimaryKeyConstraint("spans_pkey", ["tenant_id", "trace_id", "span_id"])
    .execute();
  await db.schema
    .createIndex("spans_run_idx")
    .on("spans")
    .columns(["tenant_id", "run_id", "start_time_unix_nano"])
    .execute();

  await db.schema
    .createTable("runs")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("trace_id", "text")
    .addColumn("service_name", "text")
    .addColumn("workload_id", "text")
    .addColumn("workload_name", "text")
    .addColumn("workload_version", "text")
    .addColumn("workload_logic_id", "text")
    .addColumn("deployment_id", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("running").check(sql`status in ('running', 'completed', 'failed')`),
    )
    .addColumn("start_time_unix_nano", "int8", (c) => c.notNull())
    .addColumn("end_time_unix_nano", "int8", (c) => c.notNull())
    .addColumn("duration_ns", "int8", (c) => c.notNull().defaultTo(0))
    .addColumn("span_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("node_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("input_tokens", "int8", (c) => c.notNull().defaultTo(0))
    .addColumn("output_tokens", "int8", (c) => c.notNull().defaultTo(0))
    .addColumn("total_tokens", "int8", (c) => c.notNull().defaultTo(0))
    .addColumn("cost_usd", sql`numeric(20, 10)`, (c) => c.notNull().defaultTo(0))
    .addColumn("error_message", "text")
    .addColumn("last_span_received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("runs_pkey", ["tenant_id", "run_id"])
    .execute();
  // The runs list: newest first overall, per workload, per logic id, per deployment.
  await sql`create index runs_start_idx on runs (tenant_id, start_time_unix_nano desc, run_id desc)`.execute(db);
  await sql`create index runs_workload_start_idx on runs (tenant_id, workload_name, start_time_unix_nano desc, run_id desc)`.execute(db);
  await sql`create index runs_logic_start_idx on runs (tenant_id, workload_logic_id, start_time_unix_nano desc)`.execute(db);
  await sql`create index runs_deployment_start_idx on runs (tenant_id, deployment_id, start_time_unix_nano desc)`.execute(db);
  // The idle rule closes running runs whose last span ended long enough ago: find them without a scan.
  await sql`create index runs_running_idx on runs (end_time_unix_nano) where status = 'running'`.execute(db);

  await db.schema
    .createTable("workload_versions")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("workload_name", "text", (c) => c.notNull())
    .addColumn("logic_id", "text", (c) => c.notNull())
    .addColumn("workload_id", "text")
    .addColumn("version", "text")
    .addColumn("first_seen_unix_nano", "int8", (c) => c.notNull())
    .addColumn("last_seen_unix_nano", "int8", (c) => c.notNull())
    .addColumn("run_count", "integer", (c) => c.notNull().defaultTo(0))
    // Static graph: union of agent.graph definitions and edges observed for this logic id.
    .addColumn("graph", "jsonb", (c) => c.notNull().defaultTo(sql`'{"nodes":[],"edges":[]}'::jsonb`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("workload_versions_pkey", ["tenant_id", "workload_name", "logic_id"])
    .execute();
  await sql`create index workload_versions_recent_idx on workload_versions (tenant_id, workload_name, last_seen_unix_nano desc)`.execute(db);

  await db.schema
    .createTable("node_specs")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("nodespec_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("spec_version", "text")
    .addColumn("org_namespace", "text")
    .addColumn("callable_signature", "text")
    .addColumn("input_schema", "text")
    .addColumn("output_schema", "text")
    .addColumn("model_name", "text")
    .addColumn("model_version", "text")
    .addColumn("first_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("node_specs_pkey", ["tenant_id", "nodespec_id"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("run_id", "text", (c) => c.notNull())
    // A stable digest of the event's content, so a re-delivered event is stored once.
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("time_unix_nano", "int8", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("token_id", "text")
    .addColumn("parent_token_id", "text")
    .addColumn("source_node", "text")
    .addColumn("target_node", "text")
    .addColumn("lineage", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("metadata", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("trace_id", "text")
    .addColumn("span_id", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("audit_events_dedupe_key", ["tenant_id", "run_id", "dedupe_key"])
    .execute();
  await db.schema
    .createIndex("audit_events_run_idx")
    .on("audit_events")
    .columns(["tenant_id", "run_id", "time_unix_nano"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_events", "node_specs", "workload_versions", "runs", "spans", "api_keys", "tenants"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
