// The API's operations, described once: the OpenAPI document (document.ts) is built from this
// list, and the contract tests walk it to call and check every operation.

import type { Scope } from "@/lib/auth/scopes";
import { PROMETHEUS_CONTENT_TYPE } from "@/lib/http/prometheus-text";

export type Method = "get" | "post" | "put" | "delete";

export interface ParamSpec {
  name: string;
  in: "path" | "query";
  description: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface OperationSpec {
  method: Method;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  parameters?: (ParamSpec | string)[];
  /** A request body: a schema name from components (JSON). */
  body?: { schema: string; description: string };
  /** Status → schema name (JSON), `event-stream` (SSE), plain text of a media type, or null (no body). */
  responses: Record<number, string | null | { eventStream: string } | { plainText: string }>;
  /** Readable without a key even when keys are configured. */
  public?: boolean;
  /** The key scope it needs (`read` unless said; none for public operations). */
  scope?: Scope;
}

/** The content convention (docs/adr/0014-content-hidden-from-viewers.md), said on every operation it applies to. */
const HIDDEN_FOR_VIEWERS =
  "For a viewer of a tenant that hides inputs and outputs from viewers (`seesContent: false` in GET /api/v1/session), the same shape with the content taken out: input and output texts, log bodies `null`, attribute and ledger metadata values `null` under their keys, and `contentHidden: true` on each object so changed.";
const LOG_TEXT_PARAM: ParamSpec = { name: "q", in: "query", description: "Text the body contains (case-insensitive). 403 for a viewer who may not see bodies.", schema: { type: "string" } };

const ISO_OR_AGE = "ISO 8601 time, epoch milliseconds, or an age like `24h`, `7d`, `30m`, `2w`";

/** Reusable query parameters, referenced by name. */
export const SHARED_PARAMETERS: Record<string, ParamSpec> = {
  limit: { name: "limit", in: "query", description: "Page size (each list has its own default and maximum; out of range is a 400).", schema: { type: "integer", minimum: 1 } },
  cursor: { name: "cursor", in: "query", description: "`nextCursor` of the previous page; opaque.", schema: { type: "string" } },
  from: { name: "from", in: "query", description: `Runs that started at or after this: ${ISO_OR_AGE}.`, schema: { type: "string" } },
  to: { name: "to", in: "query", description: `Runs that started before this: ${ISO_OR_AGE}.`, schema: { type: "string" } },
  workload: { name: "workload", in: "query", description: "Workload name, exact.", schema: { type: "string" } },
  logicId: { name: "logicId", in: "query", description: "A logic id or a prefix of 4+ hex characters.", schema: { type: "string", pattern: "^[0-9a-fA-F]{4,64}$" } },
  deployment: { name: "deployment", in: "query", description: "Deployment id, exact.", schema: { type: "string" } },
  runId: { name: "runId", in: "path", required: true, description: "`codon.workload.run_id`, or the trace id of a run without one.", schema: { type: "string" } },
  workloadName: { name: "name", in: "path", required: true, description: "Workload name (URL-encoded).", schema: { type: "string" } },
  spendBucket: { name: "bucket", in: "query", description: "Bucket size (UTC).", schema: { type: "string", enum: ["day", "week"], default: "day" } },
};

const SCORE_FILTER =
  "Runs with a score that matches `name op value`, what follows `score:` in the runs page's search box: `helpfulness < 3`, `grounded = false`, `tone = rude`, `\"answer quality\" >= 0.5`. " +
  "Operators `<` `<=` `>` `>=` `=` `!=`. A name of at most 256 characters, in double quotes when it has spaces or any of `< > = ! \"` (backslash escapes a quote or a backslash inside). " +
  "A number, or `true` / `false` (1 / 0), compares with the score's value; a label (`=` and `!=` only, quoted when it has spaces or reads as a number) with its label. " +
  "A run matches when one of its scores of that name does. Give it up to 3 times: a run must match each.";
const costFilters = ["from", "to", "workload", "logicId", "deployment"];
const workflowId: ParamSpec = { name: "id", in: "path", required: true, description: "The workflow (run) id.", schema: { type: "string" } };
const errors = { 400: "ApiError", 401: "ApiError", 403: "ApiError", 503: "ApiError" } as const;
/** A write with a JSON body: also 403 for a cross-site browser request, 415 for another media type. */
const writeErrors = { 400: "ApiError", 401: "ApiError", 403: "ApiError", 413: "ApiError", 415: "ApiError", 503: "ApiError" } as const;
const detailErrors = { 401: "ApiError", 403: "ApiError", 503: "ApiError" } as const;
const DETAILS_ACCESS =
  "For a caller on this machine (not through a proxy unless TRUST_PROXY is set) without a key, as the health details are; anyone else needs a `read` key or session. 503 while no collector runs in this process (it is starting or stopping).";
const STREAM_LIMITS =
  "Open streams are capped per key (or per client address while no key exists), per tenant and in all: past a cap the answer is 429 `too_many_streams` with `Retry-After`. A stream whose key is revoked ends with `event: closed`, `{error: {code: \"unauthenticated\"}}`.";

export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    tag: "Server",
    summary: "Health: database migrated and answering, both OTLP receivers listening",
    description:
      "Anyone gets `status`; the database, receivers and backend only a caller on this machine (not through a proxy unless TRUST_PROXY is set) or one with a `read` key or session.",
    responses: { 200: "HealthReport", 503: "HealthReport" },
    public: true,
  },
  {
    method: "get",
    path: "/api/health/ingest",
    operationId: "getIngestBacklog",
    tag: "Server",
    summary: "The collector's backlog: exports acknowledged and not yet stored",
    description: `The health details' \`ingest\` alone, without their database check: what the dashboard polls for its "ingest delayed" notice (\`delayed\`). ${DETAILS_ACCESS}`,
    responses: { 200: "IngestReport", ...detailErrors },
  },
  {
    method: "get",
    path: "/api/metrics",
    operationId: "getMetrics",
    tag: "Server",
    summary: "The collector's backlog as Prometheus metrics (text exposition format 0.0.4)",
    description: `Gauges \`codon_ingest_spool_enabled\`, \`codon_ingest_spool_records\`, \`codon_ingest_spool_bytes\`, \`codon_ingest_spool_max_bytes\`, \`codon_ingest_spool_oldest_age_seconds\`, \`codon_ingest_drain_rows_per_second\` (no sample before the first write) and counters since the process started \`codon_ingest_exports_appended_total\`, \`codon_ingest_exports_stored_total\`, \`codon_ingest_exports_refused_total\`, \`codon_ingest_exports_dead_lettered_total\`. ${DETAILS_ACCESS}`,
    responses: { 200: { plainText: PROMETHEUS_CONTENT_TYPE }, ...detailErrors },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApi",
    tag: "Server",
    summary: "This document",
    responses: { 200: null },
    public: true,
  },
  {
    method: "get",
    path: "/api/v1/runs",
    operationId: "listRuns",
    tag: "Runs",
    summary: "Runs, newest first, filtered and cursor-paginated",
    parameters: [
      "workload",
      { name: "version", in: "query", description: "Version string, exact.", schema: { type: "string" } },
      "logicId",
      "deployment",
      { name: "status", in: "query", description: "Comma-separated: running, completed, failed.", schema: { type: "string" } },
      "from",
      "to",
      { name: "q", in: "query", description: "Search in run id, workload and service names.", schema: { type: "string" } },
      { name: "score", in: "query", description: SCORE_FILTER, schema: { type: "array", items: { type: "string" }, maxItems: 3 } },
      "limit",
      "cursor",
    ],
    responses: { 200: "RunPage", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/runs/compare",
    operationId: "compareRuns",
    tag: "Runs",
    summary: "Two runs node by node: figures, inputs and outputs",
    parameters: [
      { name: "a", in: "query", required: true, description: "Baseline run id.", schema: { type: "string" } },
      { name: "b", in: "query", required: true, description: "Candidate run id.", schema: { type: "string" } },
    ],
    responses: { 200: "RunComparison", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}",
    operationId: "getRun",
    tag: "Runs",
    summary: "A run with its DAG: nodes with status, timing, tokens and cost; edges by source",
    parameters: ["runId"],
    responses: { 200: "RunDag", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/activations",
    operationId: "getRunActivations",
    tag: "Runs",
    summary: "A run as it ran: a node per activation, an edge per token from the activation that sent it to the one that took it",
    description:
      "Edges say where they come from: `ledger` (a token of the audit ledger), `parent` (a span parent link, for activations the ledger does not reach), `time` (order in time, only for a run without a ledger). " +
      "Chains of 8 or more activations, each link the only edge out of one and into the next, are listed in `segments` (each activation names its segment) for a client to draw collapsed. " +
      "Past `limit` activations (the first by start are kept) the rest are counted in `omittedActivations`. " +
      "One request asks one of four things: the whole graph (`AsRanGraph`, the default); `view=folded` (`AsRanFoldedGraph`: the activations and edges outside segments, each segment by its ends and length, a few KB where the whole graph of a long loop is MBs); " +
      "`segment` with `offset` and `steps` (`AsRanSegmentPage`: that many of the segment's activations in chain order and the edges between them); or `span` (`AsRanSpanPlace`: the segment and place of that span's activation). " +
      "Segments are found anew as a live run grows: a segment id that is gone is a 404. Give the same `limit` to every request about one graph.",
    parameters: [
      "runId",
      { name: "limit", in: "query", description: "Activations at most, from 1 to 10,000.", schema: { type: "integer", minimum: 1, maximum: 10000, default: 10000 } },
      { name: "view", in: "query", description: "`full` (every activation and edge) or `folded` (segments by their ends). Not with `segment` or `span`.", schema: { type: "string", enum: ["full", "folded"], default: "full" } },
      { name: "segment", in: "query", description: "A segment's id: answers that segment's steps.", schema: { type: "string" } },
      { name: "offset", in: "query", description: "With `segment`: the first step's place in the chain, from 0.", schema: { type: "integer", minimum: 0, default: 0 } },
      { name: "steps", in: "query", description: "With `segment`: steps at most, from 1 to 500.", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
      { name: "span", in: "query", description: "A span id: answers where its activation is drawn (404 if it is none).", schema: { type: "string" } },
    ],
    responses: { 200: "AsRanAnswer", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/spans",
    operationId: "listRunSpans",
    tag: "Runs",
    summary: "A run's spans in start order",
    description: HIDDEN_FOR_VIEWERS,
    parameters: [
      "runId",
      { name: "view", in: "query", description: "`summary` (what a timeline needs; up to 20,000 per page) or `full` (attributes, events, payloads; up to 1,000).", schema: { type: "string", enum: ["summary", "full"], default: "full" } },
      { name: "node", in: "query", description: "Only this node's spans.", schema: { type: "string" } },
      "limit",
      "cursor",
    ],
    responses: { 200: "SpanListPage", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/nodes/{nodeId}",
    operationId: "getRunNode",
    tag: "Runs",
    summary: "One node of a run: its spec and every activation",
    description: HIDDEN_FOR_VIEWERS,
    parameters: ["runId", { name: "nodeId", in: "path", required: true, description: "The node name (Codon runs) or span id (generic traces).", schema: { type: "string" } }],
    responses: { 200: "NodeDetail", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/ledger",
    operationId: "listRunLedger",
    tag: "Runs",
    summary: "A run's audit events (ledger), oldest first",
    description: HIDDEN_FOR_VIEWERS,
    parameters: ["runId", "limit", "cursor"],
    responses: { 200: "LedgerPage", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/ledger/verify",
    operationId: "verifyRunLedger",
    tag: "Audit",
    summary: "Recompute the run's ledger chain from the stored events and check it against its seal and signed checkpoint",
    description:
      "`verified`: every link recomputes and the seal's Merkle leaf, through its inclusion proof, reaches a checkpoint root whose Ed25519 signature verifies. `pending`: not sealed yet (a run is sealed a few seconds after it finishes), late events wait for the next seal, or no checkpoint signs the seal yet. `broken`: `brokenAt` names the first event (in canonical order) whose link differs and what stands there now; or an event is in no seal, or the checkpoint does not verify.",
    parameters: ["runId"],
    responses: { 200: "LedgerVerification", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/ledger/export",
    operationId: "exportRunLedger",
    tag: "Audit",
    summary: "The run's evidence bundle (`codon-ledger-bundle/1`: events, chain, checkpoint, inclusion proof, public key) as a download; check it offline with `npx tsx sdk/verify.ts bundle.json`",
    description: "403 for a viewer of a tenant that hides inputs and outputs from viewers: the bundle is verified byte for byte, so its payloads cannot be left out.",
    parameters: ["runId"],
    responses: { 200: "LedgerBundle", ...errors, 404: "ApiError", 409: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/audit/public-key",
    operationId: "getAuditPublicKeys",
    tag: "Audit",
    summary: "The Ed25519 public keys that sign ledger checkpoints, the current one first (old ones stay: their checkpoints still verify). Readable without a key",
    responses: { 200: "AuditPublicKeys", 503: "ApiError" },
    public: true,
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/scores",
    operationId: "listRunScores",
    tag: "Scores",
    summary: "A run's scores (on the run and on its node activations), newest first, at most 1,000: from GenAI evaluation events, the API and the dashboard's feedback",
    parameters: ["runId"],
    responses: { 200: "RunScoreList", ...errors, 404: "ApiError" },
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/scores",
    operationId: "recordRunScores",
    tag: "Scores",
    summary: "Record one score or several on a run, or on one node activation of it (`spanId`)",
    description:
      "`value` is a number (numeric), a boolean (pass / fail) or a string (a categorical label). A score sent with an `id` already stored is not stored again: the answer holds the stored one; an id another run's score holds is a 409. Requests with a key header are recorded as source `api`, the dashboard's as `ui`; the author is the key's name. Needs `read`: giving feedback is part of reviewing runs.",
    parameters: ["runId"],
    body: { schema: "ScoresInput", description: "`{\"name\": \"helpfulness\", \"value\": 4, \"comment\": \"clear\"}` or `{\"scores\": [...]}` (at most 100); names and labels at most 256 characters, comments 4,096; at most 512 KiB." },
    responses: { 201: "RecordedScores", ...writeErrors, 404: "ApiError", 409: "ApiError" },
  },
  {
    method: "delete",
    path: "/api/v1/runs/{runId}/scores/{scoreId}",
    operationId: "deleteRunScore",
    tag: "Scores",
    summary: "Delete one score of the run",
    parameters: ["runId", { name: "scoreId", in: "path", required: true, description: "The score's id.", schema: { type: "string" } }],
    responses: { 204: null, ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/logs",
    operationId: "listRunLogs",
    tag: "Runs",
    summary: "A run's log records, oldest first: those naming the run (codon.workload.run_id) and those of its traces",
    description: HIDDEN_FOR_VIEWERS,
    parameters: [
      "runId",
      { name: "severity", in: "query", description: "That level and above; records without a severity are left out.", schema: { type: "string", enum: ["trace", "debug", "info", "warn", "error", "fatal"] } },
      LOG_TEXT_PARAM,
      { name: "traceId", in: "query", description: "With spanId: only the records logged in that span.", schema: { type: "string", pattern: "^[0-9a-f]{32}$" } },
      { name: "spanId", in: "query", description: "With traceId.", schema: { type: "string", pattern: "^[0-9a-f]{16}$" } },
      { name: "node", in: "query", description: "Only the records logged in this node's spans (a node name, or a span id for generic traces).", schema: { type: "string" } },
      "limit",
      "cursor",
    ],
    responses: { 200: "LogPage", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/logs/marks",
    operationId: "listRunLogMarks",
    tag: "Runs",
    summary: "Time and level of each of the run's log lines that was logged in a span (up to 20,000), for its timeline",
    parameters: ["runId"],
    responses: { 200: "LogMarks", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/logs",
    operationId: "listLogs",
    tag: "Logs",
    summary: "The tenant's log records, newest first, by service, time, level and text",
    description: HIDDEN_FOR_VIEWERS,
    parameters: [
      { name: "service", in: "query", description: "`service.name` of the records' resource, exact.", schema: { type: "string" } },
      { name: "severity", in: "query", description: "That level and above; records without a severity are left out.", schema: { type: "string", enum: ["trace", "debug", "info", "warn", "error", "fatal"] } },
      LOG_TEXT_PARAM,
      { name: "from", in: "query", description: `Records at or after this: ${ISO_OR_AGE}.`, schema: { type: "string" } },
      { name: "to", in: "query", description: `Records at or before this: ${ISO_OR_AGE}.`, schema: { type: "string" } },
      { name: "withoutRun", in: "query", description: "`true`: only records that belong to no run (no run id, no trace id).", schema: { type: "string", enum: ["true", "false"] } },
      "limit",
      "cursor",
    ],
    responses: { 200: "LogPage", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/metrics/services",
    operationId: "listMetricServices",
    tag: "Metrics",
    summary: "The services that sent OTLP metrics, with how many metrics each",
    parameters: [],
    responses: { 200: "MetricServices", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/metrics",
    operationId: "listMetricsOfService",
    tag: "Metrics",
    summary: "The tenant's metrics by service and name: kind, unit, temporality, how to chart them, series count and the attribute keys to group by",
    parameters: [{ name: "service", in: "query", description: "`service.name` of the metrics' resource, exact; every service when absent.", schema: { type: "string" } }, "limit", "cursor"],
    responses: { 200: "MetricPage", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/metrics/series",
    operationId: "getMetricSeries",
    tag: "Metrics",
    summary: "One metric over a window, per step: a rate (counters), a value (gauges, up-down counters) or p50/p95/p99, count and mean (histograms), optionally grouped by one attribute",
    description:
      "Cumulative counters are charted as the per-second increase between each step's last point and the previous one (a restart, seen by its start time or a drop, counts from zero). Delta counters: the step's total per second. Histogram quantiles are estimated from the merged buckets, linearly within a bucket. Groups are paged by `limit` and `cursor`; at most 500 series of a metric are read.",
    parameters: [
      { name: "name", in: "query", required: true, description: "The metric's name.", schema: { type: "string" } },
      { name: "service", in: "query", description: "`service.name` of the metric's resource; every service's series of that name when absent.", schema: { type: "string" } },
      { name: "from", in: "query", description: `Window start: ${ISO_OR_AGE}. Default: an hour before \`to\`.`, schema: { type: "string" } },
      { name: "to", in: "query", description: `Window end: ${ISO_OR_AGE}. Default: now. At most 31 days after \`from\`.`, schema: { type: "string" } },
      { name: "step", in: "query", description: "Step in seconds (1 to 86400, at most 1,500 steps per window). Default: a round size giving about 120 steps.", schema: { type: "integer", minimum: 1, maximum: 86400 } },
      { name: "groupBy", in: "query", description: "A data-point attribute key: one group per value. All series form one group when absent.", schema: { type: "string" } },
      { name: "limit", in: "query", description: "Groups per page (1 to 50, default 10).", schema: { type: "integer", minimum: 1, maximum: 50 } },
      "cursor",
    ],
    responses: { 200: "MetricSeriesResult", ...errors, 404: "ApiError" },
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/ledger",
    operationId: "postRunLedger",
    tag: "Runs",
    summary: "Store a ledger exported as JSON (the Codon SDK's ExecutionReport.ledger) for a run",
    description:
      "Authenticated like OTLP exports (`x-codon-api-key` or `Authorization: Bearer`, a key with the `ingest` scope) once keys exist. `Content-Type: application/json` only. Up to 8 MiB, 100,000 entries; re-posting the same entries stores nothing new.",
    parameters: ["runId"],
    body: { schema: "LedgerUpload", description: "A list of `{event_type, timestamp, token_id, source_node, target_node, metadata}`." },
    responses: { 200: "LedgerIngestResult", ...writeErrors },
    scope: "ingest",
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/events",
    operationId: "streamRunEvents",
    tag: "Runs",
    summary: "Server-Sent Events: `event: run` with the run's figures now and whenever they change",
    description: `${STREAM_LIMITS} Keep-alive comments every 15 s; closed after 30 minutes (EventSource reconnects).`,
    parameters: ["runId"],
    responses: { 200: { eventStream: "RunView" }, ...errors, 404: "ApiError", 429: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workloads",
    operationId: "listWorkloads",
    tag: "Workloads",
    summary: "Workloads (agents), most recently seen first, with their versions and run figures in the window",
    parameters: ["from", "to", "limit", "cursor"],
    responses: { 200: "WorkloadListPage", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/workloads/{name}/versions",
    operationId: "listWorkloadVersions",
    tag: "Workloads",
    summary: "Every logic id of a workload, newest first, with run figures and its static graph",
    parameters: ["workloadName", "from", "to", "limit", "cursor"],
    responses: { 200: "VersionListPage", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workloads/{name}/scores",
    operationId: "getWorkloadScores",
    tag: "Scores",
    summary: "Per version of the workload, its runs' scores per name in the window: count, runs, mean (numeric) or pass rate (boolean), most common labels",
    parameters: ["workloadName", "from", "to"],
    responses: { 200: "WorkloadScores", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workloads/{name}/trend",
    operationId: "getWorkloadTrend",
    tag: "Workloads",
    summary: "p95 duration and cost per run over time, with version boundaries",
    parameters: ["workloadName", "from", "to", { name: "bucket", in: "query", description: "Bucket size; picked from the data's time span when absent.", schema: { type: "string", enum: ["hour", "day", "week"] } }],
    responses: { 200: "WorkloadTrend", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workloads/{name}/compare",
    operationId: "compareVersions",
    tag: "Workloads",
    summary: "Version b against version a: merged graph, per-node deltas, a summary",
    parameters: [
      "workloadName",
      { name: "a", in: "query", required: true, description: "Baseline logic id (64 hex).", schema: { type: "string", pattern: "^[0-9a-fA-F]{64}$" } },
      { name: "b", in: "query", required: true, description: "Candidate logic id (64 hex).", schema: { type: "string", pattern: "^[0-9a-fA-F]{64}$" } },
      "from",
      "to",
    ],
    responses: { 200: "VersionComparison", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workloads/{name}/versions/{logicId}/verdict",
    operationId: "getVersionVerdict",
    tag: "Workloads",
    summary: "The version against the previous one in each deployment it ran in: regressed, improved, no significant change or too few runs, with every comparison's test, p-value and interval",
    parameters: ["workloadName", { name: "logicId", in: "path", required: true, description: "Logic id (64 hex).", schema: { type: "string", pattern: "^[0-9a-fA-F]{64}$" } }],
    responses: { 200: "VersionVerdictList", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/costs/spend",
    operationId: "getSpend",
    tag: "Costs",
    summary: "Spend per day or week, split by workload, version, model or deployment",
    parameters: [{ name: "by", in: "query", description: "Split.", schema: { type: "string", enum: ["workload", "version", "model", "deployment"], default: "workload" } }, "spendBucket", ...costFilters],
    responses: { 200: "SpendOverTime", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/costs/top-runs",
    operationId: "listTopRuns",
    tag: "Costs",
    summary: "The most expensive runs, most expensive first (default 20, at most 200 per page)",
    parameters: [...costFilters, "limit", "cursor"],
    responses: { 200: "TopRuns", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/costs/per-run",
    operationId: "getCostPerRun",
    tag: "Costs",
    summary: "Average cost of a finished run per bucket, per workload",
    parameters: ["spendBucket", ...costFilters],
    responses: { 200: "CostPerRunTrend", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/costs/unpriced",
    operationId: "listUnpricedModels",
    tag: "Costs",
    summary: "Models with token usage but no price, most tokens first",
    parameters: ["limit", "cursor"],
    responses: { 200: "UnpricedModelPage", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/prices",
    operationId: "listPrices",
    tag: "Prices",
    summary: "Your own prices (by model, newest date first) and the recent repricing jobs",
    parameters: ["limit", "cursor"],
    responses: { 200: "PriceOverrideListPage", ...errors },
  },
  {
    method: "post",
    path: "/api/v1/prices",
    operationId: "createPrice",
    tag: "Prices",
    summary: "Set a price for a model from a date on; stored costs are recomputed in the background",
    body: { schema: "PriceOverrideInput", description: "USD per million tokens; at most 16 KiB." },
    responses: { 201: "PriceOverrideCreated", ...writeErrors },
    scope: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/prices/{id}",
    operationId: "deletePrice",
    tag: "Prices",
    summary: "Remove a price; the model's spans go back to the library price",
    parameters: [{ name: "id", in: "path", required: true, description: "Price id.", schema: { type: "string" } }],
    responses: { 200: "PriceDeleted", ...errors, 404: "ApiError" },
    scope: "admin",
  },
  {
    method: "get",
    path: "/api/v1/prices/jobs/{id}",
    operationId: "getRepriceJob",
    tag: "Prices",
    summary: "A repricing job's status and progress",
    parameters: [{ name: "id", in: "path", required: true, description: "Job id.", schema: { type: "string" } }],
    responses: { 200: "RepriceJob", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/settings/retention",
    operationId: "getRetention",
    tag: "Settings",
    summary: "How many days of runs are kept (the tenant's own setting, else `RETENTION_DAYS`)",
    responses: { 200: "RetentionSetting", ...errors },
  },
  {
    method: "post",
    path: "/api/v1/settings/retention",
    operationId: "setRetention",
    tag: "Settings",
    summary: "Set the tenant's own retention in days (0 keeps everything, null follows `RETENTION_DAYS`); runs past it are removed within 10 minutes",
    body: { schema: "RetentionInput", description: "`{\"days\": 90}`; at most 1 KiB." },
    responses: { 200: "RetentionSetting", ...writeErrors },
    scope: "admin",
  },
  {
    method: "get",
    path: "/api/v1/settings/redaction",
    operationId: "getRedaction",
    tag: "Settings",
    summary: "The tenant's redaction rules (built-in detectors and custom patterns, each masking, hashing or dropping), in the order they apply at ingest",
    responses: { 200: "RedactionSettings", ...errors },
  },
  {
    method: "post",
    path: "/api/v1/settings/redaction",
    operationId: "setRedaction",
    tag: "Settings",
    summary: "Replace the tenant's redaction rules; ingest applies them within 10 seconds, before anything is stored",
    description: "Custom patterns run on a linear-time regular expression engine: backreferences, lookarounds and the i/u flags are refused (400, naming the rule).",
    body: { schema: "RedactionInput", description: "`{\"rules\": [{\"kind\": \"detector\", \"detector\": \"email\", \"action\": \"hash\"}]}`; at most 16 KiB." },
    responses: { 200: "RedactionSettings", ...writeErrors },
    scope: "admin",
  },
  {
    method: "post",
    path: "/api/v1/settings/redaction/preview",
    operationId: "previewRedaction",
    tag: "Settings",
    summary: "Run redaction rules (given, else the saved ones) over given text or a stored run's inputs and outputs, and show what would change; stores nothing",
    body: { schema: "RedactionPreviewInput", description: "`{\"text\": \"mail ada@example.com\"}` or `{\"runId\": \"...\", \"rules\": [...]}`; at most 32 KiB." },
    responses: { 200: "RedactionPreview", ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/alert-rules",
    operationId: "listAlertRules",
    tag: "Alerts",
    summary: "The tenant's alert rules with their state (ok or firing), last value and when they were last evaluated",
    responses: { 200: "AlertRuleList", ...errors },
  },
  {
    method: "post",
    path: "/api/v1/alert-rules",
    operationId: "createAlertRule",
    tag: "Alerts",
    summary: "Create a rule: its condition is evaluated every `ALERT_INTERVAL_SECONDS` and its webhook told when it starts and stops holding; the signing secret is in this answer only",
    body: { schema: "AlertRuleInput", description: "`{\"name\": \"QA failing\", \"workload\": \"QA-Agent\", \"condition\": \"error_rate\", \"threshold\": 0.05, \"windowMinutes\": 60, \"webhookUrl\": \"https://hooks.example.com/codon\"}`; the URL's host must be in `ALERT_WEBHOOK_HOSTS`; at most 100 rules a tenant; at most 8 KiB." },
    responses: { 201: "AlertRuleCreated", ...writeErrors },
    scope: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/alert-rules/{id}",
    operationId: "deleteAlertRule",
    tag: "Alerts",
    summary: "Delete a rule with its history and delivery log",
    parameters: [{ name: "id", in: "path", required: true, description: "Rule id.", schema: { type: "string", pattern: "^[1-9][0-9]{0,17}$" } }],
    responses: { 204: null, ...errors, 404: "ApiError" },
    scope: "admin",
  },
  {
    method: "post",
    path: "/api/v1/alert-rules/{id}/test",
    operationId: "testAlertRule",
    tag: "Alerts",
    summary: "Send the rule's webhook an `alert.test` event now; answers with the event and its first delivery attempt",
    parameters: [{ name: "id", in: "path", required: true, description: "Rule id.", schema: { type: "string", pattern: "^[1-9][0-9]{0,17}$" } }],
    responses: { 200: "AlertEventView", ...errors, 404: "ApiError" },
    scope: "admin",
  },
  {
    method: "get",
    path: "/api/v1/alert-rules/{id}/events",
    operationId: "listAlertEvents",
    tag: "Alerts",
    summary: "The rule's history, newest first: each firing, resolution and test with every delivery attempt (status, error, time taken)",
    parameters: [{ name: "id", in: "path", required: true, description: "Rule id.", schema: { type: "string", pattern: "^[1-9][0-9]{0,17}$" } }, "limit"],
    responses: { 200: "AlertEventPage", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}",
    operationId: "getWorkflow",
    tag: "Workflows",
    summary: "A run as an AgentField workflow: its executions (nodes) and the edges between them",
    parameters: [workflowId],
    responses: { 200: "Workflow", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}/executions",
    operationId: "listWorkflowExecutions",
    tag: "Workflows",
    summary: "A workflow's executions in start order, with input, output and error (default 100, at most 1,000 per page)",
    description: HIDDEN_FOR_VIEWERS,
    parameters: [workflowId, "limit", "cursor"],
    responses: { 200: "ExecutionPage", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/workflows/{id}/events",
    operationId: "streamWorkflowEvents",
    tag: "Workflows",
    summary: "Server-Sent Events: workflow.started, execution.started, execution.completed, execution.failed, workflow.failed, workflow.completed",
    description:
      `Connect before the run's first span arrives (an unknown id is waited for, 30 s by default) and receive its events as they land; connect later and first receive the events so far. A failed run sends \`workflow.failed\` and then \`workflow.completed\` with \`status: "failed"\`, so \`workflow.completed\` always ends the stream. An id nothing arrived for within the wait ends with \`event: closed\`, \`{error: {code: "not_found"}}\`. ${STREAM_LIMITS} Keep-alive comments every 15 s; \`retry: 2000\`.`,
    parameters: [workflowId],
    responses: { 200: { eventStream: "WorkflowStreamEventData" }, ...errors, 429: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/executions/{id}",
    operationId: "getExecution",
    tag: "Workflows",
    summary: "One execution with its input, output, error, timing and workflow id",
    description: HIDDEN_FOR_VIEWERS,
    parameters: [{ name: "id", in: "path", required: true, description: "`<trace id>-<span id>` (32 + 16 hex).", schema: { type: "string", pattern: "^[0-9a-f]{32}-[0-9a-f]{16}$" } }],
    responses: { 200: "Execution", ...errors, 404: "ApiError" },
  },
  {
    method: "get",
    path: "/api/v1/session",
    operationId: "getSession",
    tag: "Access",
    summary: "Whether keys are required (and whether one exists yet), and the tenant and scopes the request's key or session cookie acts with",
    responses: { 200: "SessionState", 503: "ApiError" },
    public: true,
  },
  {
    method: "post",
    path: "/api/v1/session",
    operationId: "signIn",
    tag: "Access",
    summary: "Sign the browser in with a key that has the `read` scope, or with a user's email and password (sets an HttpOnly, SameSite=Strict cookie holding a server-side session id, never the credential)",
    description:
      "A session lasts 7 days at most and ends when signed out, when its key is revoked, or when its user is disabled or leaves the tenant. A user's session acts in one tenant (`tenantId`, else the first they joined) with the scopes of their role there: owner and admin `read` + `admin`, member and viewer `read`. `Content-Type: application/json` only, and from this origin only when a browser sends it (login CSRF). Failed attempts are limited per client address (10, then one every 6 s: 429 with `Retry-After`); an account locks for 15 minutes after 10 wrong passwords in a row (429).",
    body: { schema: "SignInRequest", description: "At most 4 KiB." },
    responses: { 200: "SignedIn", ...writeErrors, 429: "ApiError" },
    public: true,
  },
  {
    method: "post",
    path: "/api/v1/setup",
    operationId: "createFirstOwner",
    tag: "Access",
    summary: "Create the first owner (a user with email and password) with the setup token the server printed at start, and sign the browser in as them",
    description:
      "Send the setup token as `Authorization: Bearer <setup token>`. Works only while no API key and no user exists; the owner belongs to `tenantId` (default `default`). The password needs at least 12 characters. Wrong tokens count as failed attempts, as sign-ins do.",
    body: { schema: "FirstOwnerRequest", description: "At most 4 KiB." },
    responses: { 201: "SignedIn", ...writeErrors, 429: "ApiError" },
    public: true,
  },
  {
    method: "put",
    path: "/api/v1/session",
    operationId: "switchTenant",
    tag: "Access",
    summary: "Switch a user's session to another tenant they belong to; it then acts with their role there",
    body: { schema: "SwitchTenantRequest", description: "At most 4 KiB." },
    responses: { 200: "SignedIn", ...writeErrors },
    public: true,
  },
  {
    method: "delete",
    path: "/api/v1/session",
    operationId: "signOut",
    tag: "Access",
    summary: "Sign the browser out: ends the session on the server and clears the cookie (the key stays valid)",
    responses: { 204: null, 403: "ApiError" },
    public: true,
  },
  {
    method: "get",
    path: "/api/v1/api-keys",
    operationId: "listApiKeys",
    tag: "Access",
    summary: "Your tenant's API keys with their scopes, newest first (default 50, at most 200 per page); never the keys themselves",
    parameters: ["limit", "cursor"],
    responses: { 200: "ApiKeyPage", ...errors },
    scope: "admin",
  },
  {
    method: "post",
    path: "/api/v1/api-keys",
    operationId: "createApiKey",
    tag: "Access",
    summary: "Create a key (shown once) with an admin key, for your own tenant; the first key with the setup token",
    description:
      "`scopes` defaults to `[\"ingest\"]` (an exporter's key); `admin` brings `read`. The first key needs the one-time setup token the server printed at start, sent as `Authorization: Bearer <setup token>`: it may name any tenant and always gets `admin` and `read`. Never anonymously.",
    body: { schema: "ApiKeyCreateRequest", description: "`tenantId` defaults to yours (`default` for the first key); at most 4 KiB." },
    responses: { 201: "ApiKeyCreated", ...writeErrors, 429: "ApiError" },
    scope: "admin",
  },
  {
    method: "delete",
    path: "/api/v1/api-keys/{id}",
    operationId: "revokeApiKey",
    tag: "Access",
    summary: "Revoke one of your tenant's keys; its dashboard sessions end with it",
    parameters: [{ name: "id", in: "path", required: true, description: "Key id.", schema: { type: "string" } }],
    responses: { 204: null, ...errors, 404: "ApiError" },
    scope: "admin",
  },
  {
    method: "get",
    path: "/api/v1/access-log",
    operationId: "listAccessLog",
    tag: "Access",
    summary: "Your tenant's access log, newest first (default 50, at most 200 per page): sign-ins and refusals, key, price, alert-rule and settings changes, exports",
    description:
      "Append-only and hash-chained per tenant (ADR 0013). `format=csv` or `format=jsonl` downloads up to 10,000 matching entries instead of a page (`x-codon-truncated: true` when more matched); each download is recorded as `access_log.export`.",
    parameters: [
      { name: "action", in: "query", description: "One action, exact (`session.sign_in`, `api_key.create`, `price.create`, ...).", schema: { type: "string" } },
      { name: "actor", in: "query", description: "A key id, a key prefix (`cok_ab12cd`), `anonymous` or `setup-token`.", schema: { type: "string" } },
      { name: "outcome", in: "query", description: "`ok`, `denied` or `failed`.", schema: { type: "string", enum: ["ok", "denied", "failed"] } },
      { name: "from", in: "query", description: `Entries at or after this: ${ISO_OR_AGE}.`, schema: { type: "string" } },
      { name: "to", in: "query", description: `Entries before this: ${ISO_OR_AGE}.`, schema: { type: "string" } },
      { name: "format", in: "query", description: "`json` (a page, the default), `csv` or `jsonl` (a download).", schema: { type: "string", enum: ["json", "csv", "jsonl"], default: "json" } },
      "limit",
      "cursor",
    ],
    responses: { 200: "AccessLogPage", ...errors },
    scope: "admin",
  },
];
