import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { VerdictEvidence, VerdictStatus } from "@/lib/verdicts/types";
import type { AlertCondition } from "@/lib/alerts/types";
import type { ScoreDataType, ScoreSource } from "@/lib/scores/types";

// int8 and numeric columns are read as decimal strings on both backends (see client.ts),
// so nanosecond times and costs stay exact; they accept strings, bigints or numbers on write.
type Int8 = ColumnType<string, string | bigint | number, string | bigint | number>;
type Int8Default = ColumnType<string, string | bigint | number | undefined, string | bigint | number>;
type Numeric = ColumnType<string, string | number, string | number>;
type NumericDefault = ColumnType<string, string | number | undefined, string | number>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type IntDefault = ColumnType<number, number | undefined, number>;
// jsonb takes the value itself: postgres.js JSON-encodes whatever is bound to a jsonb
// parameter, so a pre-stringified value would be stored as a JSON string.
type Json<T> = ColumnType<T, T | undefined, T>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type SpanStatusCode = "unset" | "ok" | "error";
export type RunStatus = "running" | "completed" | "failed";

export interface StaticGraph {
  nodes: { name: string; role: string | null; nodespecId: string | null }[];
  edges: { source: string; target: string }[];
}

/** reported: the span's own `gen_ai.usage.cost`; price_library: @pydantic/genai-prices; override: a tenant's price. */
export type CostSource = "reported" | "price_library" | "override";

export interface TenantsTable {
  id: string;
  name: string;
  created_at: Timestamp;
  /** Days of runs kept (0: all); null follows RETENTION_DAYS. */
  retention_days: number | null;
  /** Whether members with the viewer role see inputs and outputs. */
  viewers_see_content: Generated<boolean>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  name: string | null;
  key_prefix: string;
  key_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** `ingest`, `read`, `admin` (lib/auth/scopes.ts); new keys default to `{ingest}`. */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
}

/** A dashboard sign-in: only the SHA-256 of its random id is stored. */
export interface SessionsTable {
  id_hash: string;
  /** A key's session; null for a user's. */
  key_id: string | null;
  /** A user's session, acting in `tenant_id`; null for a key's. */
  user_id: string | null;
  tenant_id: string | null;
  created_at: Timestamp;
  expires_at: Date;
}

/** A person who signs in (lib/users); installation-wide, a member of tenants through memberships. */
export interface UsersTable {
  id: Generated<string>;
  /** Lowercased. */
  email: string;
  display_name: string | null;
  /** argon2id, PHC string; null until a password is set. */
  password_hash: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  created_at: Timestamp;
  disabled_at: Date | null;
}

/** `owner`, `admin`, `member` or `viewer` (lib/users/roles.ts). */
export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
}

/** A person's account at an OpenID Connect provider, linked to a user (lib/users/identities.ts). */
export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

/** A one-time link to join a tenant; only the SHA-256 of its token is stored. */
export interface InvitationsTable {
  id: Generated<string>;
  tenant_id: string;
  token_hash: string;
  email: string;
  role: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export interface SpansTable {
  tenant_id: string;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  run_id: string;
  name: string;
  kind: ColumnType<number, number | undefined, number>;
  start_time_unix_nano: Int8;
  end_time_unix_nano: Int8;
  duration_ns: Int8;
  status_code: ColumnType<SpanStatusCode, SpanStatusCode | undefined, SpanStatusCode>;
  status_message: string | null;
  service_name: string | null;
  scope_name: string | null;
  scope_version: string | null;
  workload_id: string | null;
  workload_name: string | null;
  workload_version: string | null;
  workload_logic_id: string | null;
  deployment_id: string | null;
  node_name: string | null;
  node_role: string | null;
  nodespec_id: string | null;
  model_vendor: string | null;
  model_name: string | null;
  /** The model the call asked for, when the span names it (model_name is the one that answered, if known). */
  request_model: string | null;
  input_tokens: Int8 | null;
  output_tokens: Int8 | null;
  total_tokens: Int8 | null;
  cache_read_tokens: Int8 | null;
  cache_write_tokens: Int8 | null;
  /** Reasoning tokens reported apart (already part of the output count). */
  reasoning_tokens: Int8 | null;
  cost_usd: Numeric | null;
  /** Where cost_usd came from; null when the span has no cost. */
  cost_source: CostSource | null;
  counts_usage: ColumnType<boolean, boolean | undefined, boolean>;
  input_text: string | null;
  output_text: string | null;
  /** The attribute input_text was read from unchanged, left out of `attributes` (reads put it back). */
  input_attribute: string | null;
  /** The same for output_text. */
  output_attribute: string | null;
  attributes: Json<JsonObject>;
  /** Bits of lib/db/column-attributes.ts: attributes left out of `attributes` because their column holds them unchanged (reads put them back). */
  column_attributes: ColumnType<number, number | undefined, number>;
  resource_attributes: Json<JsonObject>;
  events: Json<JsonValue[]>;
  links: Json<JsonValue[]>;
  /** The attempt this span is of a retried step, when its SDK says (collector/normalize/attempt.ts); null otherwise. */
  attempt: number | null;
  /** Values redacted in this span at ingest (lib/redaction; migration 2026_12_30_120000_redaction). */
  redacted_count: ColumnType<number, number | undefined, number>;
  received_at: Timestamp;
}

export interface RunsTable {
  tenant_id: string;
  run_id: string;
  trace_id: string | null;
  service_name: string | null;
  workload_id: string | null;
  workload_name: string | null;
  workload_version: string | null;
  workload_logic_id: string | null;
  deployment_id: string | null;
  status: ColumnType<RunStatus, RunStatus | undefined, RunStatus>;
  start_time_unix_nano: Int8;
  end_time_unix_nano: Int8;
  duration_ns: Int8Default;
  span_count: IntDefault;
  node_count: IntDefault;
  error_count: IntDefault;
  input_tokens: Int8Default;
  output_tokens: Int8Default;
  total_tokens: Int8Default;
  cost_usd: NumericDefault;
  error_message: string | null;
  /** What the figures are folded from that no column holds (collector/store/run-fold.ts); null before the first fold. */
  aggregate_inputs: ColumnType<JsonObject | null, JsonObject | null | undefined, JsonObject | null>;
  /** A node of the run failed and then succeeded on a later attempt. */
  retried: ColumnType<boolean, boolean | undefined, boolean>;
  last_span_received_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkloadVersionsTable {
  tenant_id: string;
  workload_name: string;
  logic_id: string;
  workload_id: string | null;
  version: string | null;
  first_seen_unix_nano: Int8;
  last_seen_unix_nano: Int8;
  run_count: IntDefault;
  graph: Json<StaticGraph>;
  updated_at: Timestamp;
}

export interface NodeSpecsTable {
  tenant_id: string;
  nodespec_id: string;
  name: string;
  role: string | null;
  spec_version: string | null;
  org_namespace: string | null;
  callable_signature: string | null;
  input_schema: string | null;
  output_schema: string | null;
  model_name: string | null;
  model_version: string | null;
  first_seen_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<string>;
  tenant_id: string;
  run_id: string;
  dedupe_key: string;
  time_unix_nano: Int8;
  event_type: string;
  token_id: string | null;
  parent_token_id: string | null;
  source_node: string | null;
  target_node: string | null;
  lineage: Json<string[]>;
  metadata: Json<JsonObject>;
  trace_id: string | null;
  span_id: string | null;
  received_at: Timestamp;
}

/** An OTLP log record that is not an audit event (migration 2026_12_21_120000_log_records). */
export interface LogRecordsTable {
  tenant_id: string;
  /** Digest of the record's content (its time included): with the tenant and time, the primary key; re-delivery inserts nothing. */
  record_key: string;
  /** codon.workload.run_id of the record or its resource, else its trace id; null with neither. */
  run_key: string | null;
  time_unix_nano: Int8;
  observed_time_unix_nano: Int8 | null;
  severity_number: ColumnType<number, number | undefined, number>;
  severity_text: string | null;
  /** A string body as sent; any other body as JSON text (`body_is_json`). */
  body: string | null;
  body_is_json: ColumnType<boolean, boolean | undefined, boolean>;
  event_name: string | null;
  trace_id: string | null;
  span_id: string | null;
  service_name: string | null;
  scope_name: string | null;
  scope_version: string | null;
  attributes: Json<JsonObject>;
  resource_attributes: Json<JsonObject>;
  received_at: Timestamp;
}

/** The OTLP data kinds a metric may have (summary: count and sum only, as Prometheus bridges send them). */
export type MetricKind = "gauge" | "sum" | "histogram" | "exponential_histogram" | "summary";

/** One metric series: a metric of one resource and scope with one set of data-point attributes (migration 2026_12_22_120000_metrics). */
export interface MetricSeriesTable {
  tenant_id: string;
  /** Digest of the series' identity (resource, scope, metric name, kind, unit, temporality, monotonic, attributes). */
  series_key: string;
  service_name: string | null;
  metric_name: string;
  kind: MetricKind;
  unit: string | null;
  description: string | null;
  /** AggregationTemporality of sums and histograms: 1 delta, 2 cumulative (0: not given, read as cumulative); null for gauges and summaries. */
  temporality: number | null;
  monotonic: boolean | null;
  attributes: Json<JsonObject>;
  resource_attributes: Json<JsonObject>;
  scope_name: string | null;
  /** The time of the first point stored with the series. */
  first_seen_unix_nano: Int8;
}

/** One data point of a series. Exponential histograms are stored with their buckets as explicit bounds. */
export interface MetricPointsTable {
  tenant_id: string;
  series_key: string;
  time_unix_nano: Int8;
  start_time_unix_nano: Int8 | null;
  /** Gauges and sums: the value (null when the point has none, or it was not finite). */
  value: number | null;
  /** Histograms and summaries: observations, their sum, and (when sent) their min and max. */
  count: Int8 | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  /** Histograms: upper bounds, ascending; bucket_counts has one more entry (the last is above every bound). */
  bounds: number[] | null;
  bucket_counts: ColumnType<string[] | null, (string | number)[] | null, (string | number)[] | null>;
  flags: ColumnType<number, number | undefined, number>;
}

/** Per (run, node) roll-up the collector keeps with the runs: what version comparison reads. */
export interface RunNodesTable {
  tenant_id: string;
  run_id: string;
  node_name: string;
  nodespec_id: string | null;
  role: string | null;
  activations: number;
  errors: number;
  /**
   * Activations' durations as a sketch (lib/stats/duration-sketch.ts): bin keys ascending, and
   * their counts; both null when every activation fell in the bin of the shortest (storedSketch).
   */
  duration_bins: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  duration_counts: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  /** The shortest and longest activation, exact (null only for rows stored before sketches with no duration). */
  duration_min_ns: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  duration_max_ns: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  tokens: Int8Default;
  cost_usd: NumericDefault;
}

/** A tenant's own price for a model from a date on (USD per million tokens). */
export interface PriceOverridesTable {
  tenant_id: string;
  id: ColumnType<string, never, never>;
  provider: string | null;
  model: string;
  effective_from: Timestamp;
  input_usd_per_mtok: Numeric;
  output_usd_per_mtok: Numeric;
  cache_read_usd_per_mtok: Numeric | null;
  cache_write_usd_per_mtok: Numeric | null;
  created_at: Timestamp;
}

export type RepriceJobStatus = "queued" | "running" | "completed" | "failed";

export interface RepriceJobsTable {
  id: ColumnType<string, never, never>;
  tenant_id: string;
  reason: string;
  /** Null: every span with a model that was never priced. */
  model: string | null;
  status: ColumnType<RepriceJobStatus, RepriceJobStatus | undefined, RepriceJobStatus>;
  total_spans: Int8Default;
  done_spans: Int8Default;
  changed_spans: Int8Default;
  error: string | null;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
}

/** Usage and cost per (run, model), counted once; '' stands for no vendor / no model. */
export interface RunModelsTable {
  tenant_id: string;
  run_id: string;
  model_vendor: string;
  model_name: string;
  workload_name: string | null;
  logic_id: string | null;
  deployment_id: string | null;
  run_start_unix_nano: Int8;
  calls: number;
  input_tokens: Int8Default;
  output_tokens: Int8Default;
  cost_usd: NumericDefault;
}

/** Usage of LLM calls made inside a node (spans with the node's spec id and no node name), per run. */
export interface RunCallUsageTable {
  tenant_id: string;
  run_id: string;
  nodespec_id: string;
  tokens: Int8Default;
  cost_usd: NumericDefault;
}

/** The distinct nodes a run's ledger delivered tokens to. */
export interface RunLedgerNodesTable {
  tenant_id: string;
  run_id: string;
  node_name: string;
}

/** A run's spans grouped by (node name, nodespec id), nulls included: what the run DAG reads (folded at ingest). */
export interface RunSpanGroupsTable {
  tenant_id: string;
  run_id: string;
  node_name: string | null;
  nodespec_id: string | null;
  role: string | null;
  /** The greatest service.name among the group's spans. */
  service_name: ColumnType<string | null, string | null | undefined, string | null>;
  activations: number;
  first_start_ns: Int8;
  last_end_ns: Int8;
  duration_ns: Int8;
  input_tokens: Numeric;
  output_tokens: Numeric;
  cost_usd: Numeric;
  error_count: number;
  /** The first error by (start, message): its start and message; null without errors. */
  error_start_ns: Int8 | null;
  error_message: string | null;
  /** Node spans (activations) that failed. */
  failed_activations: ColumnType<number, number | undefined, number>;
  /** The last activation by (attempt, start): its attempt (0 when unnumbered), start, and whether it failed. */
  last_attempt: ColumnType<number, number | undefined, number>;
  last_start_ns: Int8 | null;
  last_failed: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A run's audit events grouped by (type, source, target), nulls included (folded at ingest). */
export interface RunLedgerGroupsTable {
  tenant_id: string;
  run_id: string;
  event_type: string;
  source_node: string | null;
  target_node: string | null;
  count: number;
  /** The first node_failed event by (time, error nulls last): its time and error (null when it carried none). */
  error_time_ns: Int8 | null;
  error_message: string | null;
}

/** A logic id's verdict against its predecessor in one deployment (migration 2026_12_24_120000_version_verdicts). */
export interface VersionVerdictsTable {
  tenant_id: string;
  workload_name: string;
  /** The runs' deployment_id; '' for runs that named none. */
  deployment_key: string;
  logic_id: string;
  baseline_logic_id: string | null;
  status: VerdictStatus;
  headline: string;
  run_count: number;
  baseline_run_count: number;
  /** The comparisons and the settings they were judged by (lib/verdicts/types.ts). */
  evidence: Json<VerdictEvidence>;
  /** What it was computed from: both sides' finished runs and latest change, and the settings. */
  inputs: string;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Who runs a background job while several collectors share the database. */
export interface JobLeasesTable {
  job: string;
  holder: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** A run's current ledger chain (migration 2026_12_27_120000_ledger_chain). */
export interface LedgerChainsTable {
  tenant_id: string;
  run_id: string;
  /** Events arrived since the last seal (or it was never sealed). */
  stale: ColumnType<boolean, boolean | undefined, boolean>;
  /** 0: never sealed. */
  seal: ColumnType<number, number | undefined, number>;
  event_count: ColumnType<number, number | undefined, number>;
  /** Each event's link, 32 bytes apiece, in canonical order. */
  links: Uint8Array | null;
  /** Each event's digest, 32 bytes apiece, in canonical order. */
  digests: Uint8Array | null;
  head: string | null;
  sealed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Why a reseal was refused (a sealed event is gone or changed); null while intact. */
  broken: string | null;
}

/** Each seal of a run's chain, and the checkpoint that signed it. */
export interface LedgerSealsTable {
  tenant_id: string;
  run_id: string;
  seal: number;
  event_count: number;
  head: string;
  reason: string;
  sealed_at: ColumnType<Date, Date | string | undefined, never>;
  checkpoint_id: string | null;
  leaf_index: number | null;
}

/** A tenant's signed Merkle root over the heads sealed in one period. */
export interface LedgerCheckpointsTable {
  id: Generated<string>;
  tenant_id: string;
  created_at: Date | string;
  root: string;
  leaf_count: number;
  /** Every leaf, 32 bytes apiece, in leaf order. */
  leaves: Uint8Array;
  key_id: string;
  /** Ed25519 over the checkpoint's canonical JSON, base64. */
  signature: string;
}

/** A public key that signs (or signed) checkpoints. */
export interface AuditKeysTable {
  key_id: string;
  algorithm: ColumnType<string, string | undefined, string>;
  /** SPKI PEM. */
  public_key: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A tenant's redaction rules and the key hashed values are made with (migration 2026_12_30_120000_redaction). */
export interface RedactionSettingsTable {
  tenant_id: string;
  /** RedactionRule[] (lib/redaction/types.ts), in the order they apply. */
  rules: Json<JsonValue[]>;
  hash_key: Uint8Array;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The access audit log (migration 2026_12_31_120000_access_log): append-only, hash-chained per tenant in `seq` order. */
export interface AccessLogTable {
  tenant_id: string;
  /** The row's place in its tenant's chain, from 1. */
  seq: Int8;
  occurred_at: ColumnType<Date, Date | string, never>;
  actor_kind: "key" | "session" | "user" | "cli" | "anonymous";
  actor_key_id: string | null;
  actor_label: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  outcome: "ok" | "denied" | "failed";
  client_ip: string | null;
  user_agent: string | null;
  /** A flat object of short strings, integers, booleans and nulls (lib/access-log/entry.ts). */
  details: Json<{ [key: string]: JsonValue }>;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

export interface LedgerWatermarksTable {
  tenant_id: string;
  audit_event_id: Int8;
}

/** A score on a run or one node activation of it (migration 2026_12_26_120000_scores). */
export interface ScoresTable {
  tenant_id: string;
  /** A client-given id, else a digest of the telemetry event, else a random UUID. */
  score_id: string;
  run_id: string;
  trace_id: string | null;
  span_id: string | null;
  name: string;
  data_type: ScoreDataType;
  value: number | null;
  label: string | null;
  comment: string | null;
  source: ScoreSource;
  author: string | null;
  time_unix_nano: Int8;
  /** A log record that named only its trace, whose spans were not stored yet: run_id is the trace id until resolved. */
  pending_trace: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A tenant's alert rule and its state (migration 2026_12_25_120000_alert_rules). */
export interface AlertRulesTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  /** null: every workload; deployment_id null: any deployment. */
  workload_name: string | null;
  deployment_id: string | null;
  condition: AlertCondition;
  /** error_rate: a fraction; p95_duration: ms; cost_per_day: USD; null for version_regressed. */
  threshold: number | null;
  window_seconds: number;
  webhook_url: string;
  /** The HMAC key of the rule's webhook signatures. */
  secret: string;
  state: ColumnType<"ok" | "firing", "ok" | "firing" | undefined, "ok" | "firing">;
  state_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_value: number | null;
  last_evaluated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A rule's transition (or test) and the delivery of its webhook. */
export interface AlertEventsTable {
  id: Generated<string>;
  tenant_id: string;
  rule_id: string;
  kind: "firing" | "resolved" | "test";
  at: ColumnType<Date, Date | string | undefined, never>;
  value: number | null;
  body: Json<JsonObject>;
  attempts: ColumnType<number, number | undefined, number>;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When to try again; null once delivered or given up. */
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_status: number | null;
  last_error: string | null;
}

/** One attempt to deliver an alert event's webhook. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  event_id: string;
  attempt: number;
  at: ColumnType<Date, Date | string | undefined, never>;
  /** The HTTP status; null when no response came (refused, timed out). */
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface DB {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  user_identities: UserIdentitiesTable;
  spans: SpansTable;
  runs: RunsTable;
  workload_versions: WorkloadVersionsTable;
  node_specs: NodeSpecsTable;
  audit_events: AuditEventsTable;
  log_records: LogRecordsTable;
  metric_series: MetricSeriesTable;
  metric_points: MetricPointsTable;
  run_nodes: RunNodesTable;
  run_models: RunModelsTable;
  run_call_usage: RunCallUsageTable;
  run_ledger_nodes: RunLedgerNodesTable;
  run_span_groups: RunSpanGroupsTable;
  run_ledger_groups: RunLedgerGroupsTable;
  price_overrides: PriceOverridesTable;
  reprice_jobs: RepriceJobsTable;
  version_verdicts: VersionVerdictsTable;
  job_leases: JobLeasesTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  scores: ScoresTable;
  ledger_chains: LedgerChainsTable;
  ledger_seals: LedgerSealsTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  audit_keys: AuditKeysTable;
  ledger_watermarks: LedgerWatermarksTable;
  redaction_settings: RedactionSettingsTable;
  access_log: AccessLogTable;
}

export type Span = Selectable<SpansTable>;
export type NewSpan = Insertable<SpansTable>;
export type Run = Selectable<RunsTable>;
export type NewRun = Insertable<RunsTable>;
export type WorkloadVersion = Selectable<WorkloadVersionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type NewNodeSpec = Insertable<NodeSpecsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type NewLogRecord = Insertable<LogRecordsTable>;
export type NewMetricSeries = Insertable<MetricSeriesTable>;
export type NewMetricPoint = Insertable<MetricPointsTable>;
export type NewRunNode = Insertable<RunNodesTable>;
export type NewScore = Insertable<ScoresTable>;
