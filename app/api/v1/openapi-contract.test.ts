import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setWebhookHosts } from "@/lib/alerts/webhook-hosts";
import { runDemo, type DemoSummary } from "@/demo/run-demo";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";
import { OPERATIONS, type OperationSpec } from "@/lib/openapi/operations";
import { issueSetupToken } from "@/lib/auth/setup-token";
import type { IngestBacklog } from "@/lib/runtime/ingest-backlog";
import { serverRuntime } from "@/lib/runtime/registry";
import { fixedBacklog } from "@/lib/runtime/testing";
import { addMembership, createUser } from "@/lib/users/users";
import { forgetProviderConfiguration } from "@/lib/auth/oidc/provider";
import { setOidcSettings } from "@/lib/auth/oidc/settings";
import { signInAtProvider, startTestProvider, type TestProvider } from "@/test-support/oidc-provider";

// Every operation of the served OpenAPI document, called through its route handler on the data
// `npm run demo` sends (through the real collector), its answers validated against the document.

const ANCHOR = Date.UTC(2026, 10, 21, 15, 0, 0);

interface Ids {
  runA: string;
  runB: string;
  workload: string;
  logicA: string;
  logicB: string;
  priceId?: string;
  jobId?: string;
  executionId?: string;
  key?: string;
  keyId?: string;
  setupToken?: string;
  ingestKey?: string;
  alertRuleId?: string;
  userCookie?: string;
  ownerCookie?: string;
  invitationToken?: string;
  invitationId?: string;
  joinedUserId?: string;
  oidcAuthorization?: string;
  oidcFlowCookie?: string;
  oidcCallback?: string;
}

interface Case {
  operationId: string;
  path: (ids: Ids) => string;
  status: number;
  body?: unknown;
  /** A body that needs ids known only by then. */
  bodyFor?: (ids: Ids) => unknown;
  headers?: (ids: Ids) => Record<string, string>;
  /** Runs before the case, on the wired database (e.g. a user to sign in as), or to fetch what the case needs. */
  prepare?: (ids: Ids) => Promise<void>;
  /** Runs after the case: picks ids out of the answer for later cases. */
  remember?: (body: unknown, ids: Ids, response: Response) => void;
}

const enc = encodeURIComponent;
const LONG_ID = "x".repeat(300);

// In order: creating a price comes before reading its job and deleting it.
const CASES: Case[] = [
  { operationId: "getHealth", path: () => "/api/health", status: 200 },
  { operationId: "getIngestBacklog", path: () => "/api/health/ingest", status: 200 },
  { operationId: "getMetrics", path: () => "/api/metrics", status: 200 },
  { operationId: "getOpenApi", path: () => "/api/v1/openapi.json", status: 200 },
  { operationId: "listRuns", path: () => "/api/v1/runs?limit=5", status: 200 },
  { operationId: "listRuns", path: (ids) => `/api/v1/runs?workload=${enc(ids.workload)}&status=completed,failed&from=30d&limit=2`, status: 200 },
  { operationId: "listRuns", path: () => "/api/v1/runs?status=done", status: 400 },
  { operationId: "listRuns", path: () => "/api/v1/runs?cursor=garbage", status: 400 },
  { operationId: "compareRuns", path: (ids) => `/api/v1/runs/compare?a=${enc(ids.runA)}&b=${enc(ids.runB)}`, status: 200 },
  { operationId: "compareRuns", path: () => "/api/v1/runs/compare?a=x", status: 400 },
  { operationId: "compareRuns", path: (ids) => `/api/v1/runs/compare?a=${enc(ids.runA)}&b=no-such-run`, status: 404 },
  { operationId: "getRun", path: (ids) => `/api/v1/runs/${enc(ids.runA)}`, status: 200 },
  { operationId: "getRun", path: () => "/api/v1/runs/no-such-run", status: 404 },
  { operationId: "getRun", path: () => `/api/v1/runs/${LONG_ID}`, status: 400 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations`, status: 200 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations?limit=0`, status: 400 },
  { operationId: "getRunActivations", path: () => "/api/v1/runs/no-such-run/activations", status: 404 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations?view=folded`, status: 200 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations?segment=seg:none&offset=0`, status: 404 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations?segment=seg:none&steps=501`, status: 400 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations?offset=50`, status: 400 },
  { operationId: "getRunActivations", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/activations?span=no-such-span`, status: 404 },
  { operationId: "listRunSpans", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/spans?view=summary`, status: 200 },
  { operationId: "listRunSpans", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/spans?view=full&limit=2`, status: 200 },
  { operationId: "listRunSpans", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/spans?view=everything`, status: 400 },
  { operationId: "listRunSpans", path: () => "/api/v1/runs/no-such-run/spans", status: 404 },
  { operationId: "getRunNode", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/nodes/draft`, status: 200 },
  { operationId: "getRunNode", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/nodes/no-such-node`, status: 404 },
  { operationId: "listRunLedger", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/ledger?limit=3`, status: 200 },
  { operationId: "listRunLogs", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/logs?severity=info&q=step&limit=5`, status: 200 },
  { operationId: "listRunLogs", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/logs?severity=loud`, status: 400 },
  { operationId: "listRunLogs", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/logs?traceId=abc`, status: 400 },
  { operationId: "listRunLogs", path: () => "/api/v1/runs/no-such-run/logs", status: 404 },
  {
    operationId: "recordRunScores",
    path: (ids) => `/api/v1/runs/${enc(ids.runA)}/scores`,
    status: 201,
    body: { scores: [{ id: "contract-score", name: "helpfulness", value: 4, comment: "clear" }, { name: "grounded", value: true }] },
  },
  { operationId: "recordRunScores", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/scores`, status: 400, body: { name: "", value: 1 } },
  { operationId: "recordRunScores", path: () => "/api/v1/runs/no-such-run/scores", status: 404, body: { name: "x", value: 1 } },
  { operationId: "recordRunScores", path: (ids) => `/api/v1/runs/${enc(ids.runB)}/scores`, status: 409, body: { id: "contract-score", name: "x", value: 1 } },
  { operationId: "listRunScores", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/scores`, status: 200 },
  { operationId: "listRunScores", path: () => "/api/v1/runs/no-such-run/scores", status: 404 },
  { operationId: "getWorkloadScores", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/scores?from=30d`, status: 200 },
  { operationId: "getWorkloadScores", path: () => "/api/v1/workloads/no-such-workload/scores", status: 404 },
  { operationId: "deleteRunScore", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/scores/contract-score`, status: 204 },
  { operationId: "deleteRunScore", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/scores/contract-score`, status: 404 },
  { operationId: "verifyRunLedger", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/ledger/verify`, status: 200 },
  { operationId: "verifyRunLedger", path: () => "/api/v1/runs/no-such-run/ledger/verify", status: 404 },
  { operationId: "exportRunLedger", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/ledger/export`, status: 200 },
  { operationId: "exportRunLedger", path: () => "/api/v1/runs/no-such-run/ledger/export", status: 404 },
  { operationId: "getAuditPublicKeys", path: () => "/api/v1/audit/public-key", status: 200 },
  { operationId: "listRunLogMarks", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/logs/marks`, status: 200 },
  { operationId: "listRunLogMarks", path: () => "/api/v1/runs/no-such-run/logs/marks", status: 404 },
  { operationId: "listLogs", path: () => "/api/v1/logs?service=none&severity=warn&from=7d&withoutRun=true&limit=10", status: 200 },
  { operationId: "listLogs", path: () => "/api/v1/logs?withoutRun=maybe", status: 400 },
  { operationId: "listMetricServices", path: () => "/api/v1/metrics/services", status: 200 },
  { operationId: "listMetricsOfService", path: () => "/api/v1/metrics?service=contract-app&limit=5", status: 200 },
  { operationId: "getMetricSeries", path: () => "/api/v1/metrics/series?service=contract-app&name=requests.count&groupBy=route&from=1h", status: 200 },
  { operationId: "getMetricSeries", path: () => "/api/v1/metrics/series?name=latency&from=1h&step=60", status: 200 },
  { operationId: "listMetricsOfService", path: () => "/api/v1/metrics?cursor=garbage", status: 400 },
  { operationId: "getMetricSeries", path: () => "/api/v1/metrics/series?name=no.such.metric&from=24h", status: 404 },
  { operationId: "getMetricSeries", path: () => "/api/v1/metrics/series?from=24h", status: 400 },
  { operationId: "getMetricSeries", path: () => "/api/v1/metrics/series?name=x&from=7d&step=1", status: 400 },
  { operationId: "listRunLedger", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/ledger?limit=0`, status: 400 },
  {
    operationId: "postRunLedger",
    path: () => "/api/v1/runs/contract-ledger-run/ledger",
    status: 200,
    body: [{ event_type: "token_enqueued", timestamp: "2026-11-20T10:00:00Z", token_id: "t1", source_node: "__entry__", target_node: "a", metadata: {} }],
  },
  { operationId: "postRunLedger", path: () => "/api/v1/runs/contract-ledger-run/ledger", status: 400, body: [{ event_type: 7 }] },
  { operationId: "streamRunEvents", path: (ids) => `/api/v1/runs/${enc(ids.runA)}/events`, status: 200 },
  { operationId: "streamRunEvents", path: () => "/api/v1/runs/no-such-run/events", status: 404 },
  { operationId: "listWorkloads", path: () => "/api/v1/workloads?from=30d&limit=2", status: 200 },
  { operationId: "listWorkloads", path: () => "/api/v1/workloads?from=yesterday", status: 400 },
  { operationId: "listWorkloadVersions", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/versions`, status: 200 },
  { operationId: "listWorkloadVersions", path: () => "/api/v1/workloads/no-such-workload/versions", status: 404 },
  { operationId: "getWorkloadTrend", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/trend?bucket=day`, status: 200 },
  { operationId: "getWorkloadTrend", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/trend?bucket=year`, status: 400 },
  { operationId: "getWorkloadTrend", path: () => "/api/v1/workloads/no-such-workload/trend", status: 404 },
  { operationId: "compareVersions", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/compare?a=${ids.logicA}&b=${ids.logicB}`, status: 200 },
  { operationId: "compareVersions", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/compare?a=${ids.logicA}`, status: 400 },
  { operationId: "compareVersions", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/compare?a=${ids.logicA}&b=${"0".repeat(64)}`, status: 404 },
  { operationId: "getVersionVerdict", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/versions/${ids.logicB}/verdict`, status: 200 },
  { operationId: "getVersionVerdict", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/versions/not-a-logic-id/verdict`, status: 400 },
  { operationId: "getVersionVerdict", path: (ids) => `/api/v1/workloads/${enc(ids.workload)}/versions/${"0".repeat(64)}/verdict`, status: 404 },
  { operationId: "getSpend", path: () => "/api/v1/costs/spend?by=model&bucket=week&from=30d", status: 200 },
  { operationId: "getSpend", path: () => "/api/v1/costs/spend?by=colour", status: 400 },
  { operationId: "listTopRuns", path: () => "/api/v1/costs/top-runs?limit=3", status: 200 },
  { operationId: "listTopRuns", path: () => "/api/v1/costs/top-runs?limit=201", status: 400 },
  { operationId: "getCostPerRun", path: () => "/api/v1/costs/per-run?deployment=prod", status: 200 },
  { operationId: "getCostPerRun", path: () => "/api/v1/costs/per-run?bucket=hour", status: 400 },
  { operationId: "listUnpricedModels", path: () => "/api/v1/costs/unpriced", status: 200 },
  { operationId: "listUnpricedModels", path: () => "/api/v1/costs/unpriced?cursor=bm9wZQ", status: 400 },
  {
    operationId: "createPrice",
    path: () => "/api/v1/prices",
    status: 201,
    body: { model: "llama-3.1-8b-instruct", provider: "vllm", effectiveFrom: "2026-11-01", inputUsdPerMtok: 0.1, outputUsdPerMtok: 0.2 },
    remember: (body, ids) => {
      const created = body as { override: { id: string }; job: { id: string } };
      ids.priceId = created.override.id;
      ids.jobId = created.job.id;
    },
  },
  { operationId: "createPrice", path: () => "/api/v1/prices", status: 400, body: { model: "x", effectiveFrom: "2026-11-01", inputUsdPerMtok: -1, outputUsdPerMtok: 0 } },
  { operationId: "createPrice", path: () => "/api/v1/prices", status: 413, body: { model: "x".repeat(20_000) } },
  { operationId: "listAlertRules", path: () => "/api/v1/alert-rules", status: 200 },
  {
    operationId: "createAlertRule",
    path: () => "/api/v1/alert-rules",
    status: 201,
    // Port 9 (discard) on loopback: nothing listens, so a test delivery fails fast and is logged.
    bodyFor: (ids) => ({ name: "drafts failing", workload: ids.workload, condition: "error_rate", threshold: 0.05, windowMinutes: 60, webhookUrl: "http://127.0.0.1:9/hook" }),
    remember: (body, ids) => {
      ids.alertRuleId = (body as { rule: { id: string } }).rule.id;
    },
  },
  { operationId: "createAlertRule", path: () => "/api/v1/alert-rules", status: 400, body: { name: "x", condition: "error_rate", threshold: 0.05, webhookUrl: "http://10.0.0.1/hook" } },
  { operationId: "createAlertRule", path: () => "/api/v1/alert-rules", status: 400, body: { name: "x", condition: "p95_duration", webhookUrl: "http://127.0.0.1:9/hook" } },
  { operationId: "testAlertRule", path: (ids) => `/api/v1/alert-rules/${ids.alertRuleId}/test`, status: 200 },
  { operationId: "testAlertRule", path: () => "/api/v1/alert-rules/abc/test", status: 400 },
  { operationId: "listAlertEvents", path: (ids) => `/api/v1/alert-rules/${ids.alertRuleId}/events`, status: 200 },
  { operationId: "listAlertEvents", path: () => "/api/v1/alert-rules/999999/events", status: 404 },
  { operationId: "deleteAlertRule", path: (ids) => `/api/v1/alert-rules/${ids.alertRuleId}`, status: 204 },
  { operationId: "deleteAlertRule", path: (ids) => `/api/v1/alert-rules/${ids.alertRuleId}`, status: 404 },
  {
    operationId: "createPrice",
    path: () => "/api/v1/prices",
    status: 415,
    body: { model: "x", effectiveFrom: "2026-11-01", inputUsdPerMtok: 1, outputUsdPerMtok: 1 },
    headers: () => ({ "content-type": "text/plain" }),
  },
  { operationId: "createPrice", path: () => "/api/v1/prices", status: 403, body: { model: "x" }, headers: () => ({ "sec-fetch-site": "cross-site" }) },
  { operationId: "listPrices", path: () => "/api/v1/prices?limit=1", status: 200 },
  { operationId: "getRepriceJob", path: (ids) => `/api/v1/prices/jobs/${ids.jobId}`, status: 200 },
  { operationId: "getRepriceJob", path: () => "/api/v1/prices/jobs/999999", status: 404 },
  { operationId: "deletePrice", path: (ids) => `/api/v1/prices/${ids.priceId}`, status: 200 },
  { operationId: "deletePrice", path: () => "/api/v1/prices/999999", status: 404 },
  { operationId: "getRetention", path: () => "/api/v1/settings/retention", status: 200 },
  // Far past the demo's two weeks: the collector's retention job must not remove them mid-test.
  { operationId: "setRetention", path: () => "/api/v1/settings/retention", status: 200, body: { days: 3650 } },
  { operationId: "setRetention", path: () => "/api/v1/settings/retention", status: 200, body: { days: null } },
  { operationId: "getRedaction", path: () => "/api/v1/settings/redaction", status: 200 },
  { operationId: "setRedaction", path: () => "/api/v1/settings/redaction", status: 200, body: { rules: [{ kind: "detector", detector: "email", action: "hash" }] } },
  { operationId: "setRedaction", path: () => "/api/v1/settings/redaction", status: 400, body: { rules: [{ kind: "pattern", name: "backref", pattern: "(a)\\1", action: "mask" }] } },
  { operationId: "previewRedaction", path: () => "/api/v1/settings/redaction/preview", status: 200, body: { text: "mail ada@example.com" } },
  { operationId: "previewRedaction", path: () => "/api/v1/settings/redaction/preview", status: 200, bodyFor: (ids) => ({ runId: ids.runA, rules: [{ kind: "detector", detector: "ipv4", action: "mask" }] }) },
  { operationId: "previewRedaction", path: () => "/api/v1/settings/redaction/preview", status: 400, body: {} },
  // Back to none: later exports in this suite must be stored as sent.
  { operationId: "setRedaction", path: () => "/api/v1/settings/redaction", status: 200, body: { rules: [] } },
  { operationId: "setRetention", path: () => "/api/v1/settings/retention", status: 400, body: { days: -1 } },
  {
    operationId: "getWorkflow",
    path: (ids) => `/api/v1/workflows/${enc(ids.runA)}`,
    status: 200,
    remember: (body, ids) => {
      ids.executionId = (body as { nodes: { execution_id: string }[] }).nodes[0]!.execution_id;
    },
  },
  { operationId: "getWorkflow", path: () => "/api/v1/workflows/no-such-run", status: 404 },
  { operationId: "listWorkflowExecutions", path: (ids) => `/api/v1/workflows/${enc(ids.runA)}/executions?limit=2`, status: 200 },
  { operationId: "listWorkflowExecutions", path: (ids) => `/api/v1/workflows/${enc(ids.runA)}/executions?limit=0`, status: 400 },
  { operationId: "listWorkflowExecutions", path: () => "/api/v1/workflows/no-such-run/executions", status: 404 },
  { operationId: "getExecution", path: (ids) => `/api/v1/executions/${ids.executionId}`, status: 200 },
  { operationId: "getExecution", path: () => "/api/v1/executions/not-an-execution-id", status: 400 },
  { operationId: "getExecution", path: () => `/api/v1/executions/${"0".repeat(32)}-${"0".repeat(16)}`, status: 404 },
  { operationId: "streamWorkflowEvents", path: (ids) => `/api/v1/workflows/${enc(ids.runA)}/events`, status: 200 },
  // Access last: once a key exists, every call needs one.
  { operationId: "getSession", path: () => "/api/v1/session", status: 200 },
  { operationId: "signIn", path: () => "/api/v1/session", status: 200, body: { apiKey: "cok_no_keys_yet" } },
  { operationId: "signIn", path: () => "/api/v1/session", status: 400, body: {} },
  { operationId: "signOut", path: () => "/api/v1/session", status: 204 },
  // Never anonymously, even on an open server.
  { operationId: "createApiKey", path: () => "/api/v1/api-keys", status: 401, body: { name: "no key" } },
  { operationId: "createFirstOwner", path: () => "/api/v1/setup", status: 401, body: { email: "owner@example.com", password: "contract owner password" } },
  {
    operationId: "createFirstOwner",
    path: () => "/api/v1/setup",
    status: 201,
    body: { email: "owner@example.com", password: "contract owner password" },
    headers: (ids) => ({ authorization: `Bearer ${ids.setupToken}` }),
    remember: (_body, ids, response) => {
      ids.ownerCookie = response.headers.get("set-cookie")!.split(";")[0]!;
    },
  },
  // Spent: the owner exists.
  { operationId: "createFirstOwner", path: () => "/api/v1/setup", status: 401, body: { email: "second@example.com", password: "contract owner password" }, headers: (ids) => ({ authorization: `Bearer ${ids.setupToken}` }) },
  {
    operationId: "createApiKey",
    path: () => "/api/v1/api-keys",
    status: 201,
    body: { name: "contract test", scopes: ["admin"] },
    headers: (ids) => ({ cookie: ids.ownerCookie! }),
    remember: (body, ids) => {
      const created = body as { id: string; key: string };
      ids.key = created.key;
      ids.keyId = created.id;
    },
  },
  { operationId: "createApiKey", path: () => "/api/v1/api-keys", status: 401, body: { name: "no key" } },
  {
    operationId: "createApiKey",
    path: () => "/api/v1/api-keys",
    status: 201,
    body: { name: "exporter", scopes: ["ingest"] },
    headers: (ids) => ({ authorization: `Bearer ${ids.key}` }),
    remember: (body, ids) => {
      ids.ingestKey = (body as { key: string }).key;
    },
  },
  { operationId: "listRuns", path: () => "/api/v1/runs?limit=1", status: 403, headers: (ids) => ({ authorization: `Bearer ${ids.ingestKey}` }) },
  { operationId: "createPrice", path: () => "/api/v1/prices", status: 403, body: { model: "x" }, headers: (ids) => ({ authorization: `Bearer ${ids.ingestKey}` }) },
  { operationId: "setRetention", path: () => "/api/v1/settings/retention", status: 403, body: { days: 1 }, headers: (ids) => ({ authorization: `Bearer ${ids.ingestKey}` }) },
  { operationId: "setRedaction", path: () => "/api/v1/settings/redaction", status: 403, body: { rules: [] }, headers: (ids) => ({ authorization: `Bearer ${ids.ingestKey}` }) },
  { operationId: "createApiKey", path: () => "/api/v1/api-keys", status: 403, body: { tenantId: "someone-else" }, headers: (ids) => ({ authorization: `Bearer ${ids.key}` }) },
  { operationId: "listApiKeys", path: () => "/api/v1/api-keys", status: 200, headers: (ids) => ({ authorization: `Bearer ${ids.key}` }) },
  { operationId: "listApiKeys", path: () => "/api/v1/api-keys", status: 401 },
  { operationId: "listRuns", path: () => "/api/v1/runs?limit=1", status: 401 },
  { operationId: "getMetrics", path: () => "/api/metrics", status: 401 },
  { operationId: "getIngestBacklog", path: () => "/api/health/ingest", status: 403, headers: (ids) => ({ authorization: `Bearer ${ids.ingestKey}` }) },
  { operationId: "listRuns", path: () => "/api/v1/runs?limit=1", status: 200, headers: (ids) => ({ "x-codon-api-key": ids.key! }) },
  { operationId: "signIn", path: () => "/api/v1/session", status: 401, body: { apiKey: "cok_wrong" } },
  { operationId: "signIn", path: () => "/api/v1/session", status: 200, bodyFor: (ids) => ({ apiKey: ids.key }) },
  { operationId: "revokeApiKey", path: () => "/api/v1/api-keys/999999", status: 404, headers: (ids) => ({ authorization: `Bearer ${ids.key}` }) },
  { operationId: "listAccessLog", path: () => "/api/v1/access-log?action=api_key.create&limit=5", status: 200, headers: (ids) => ({ authorization: `Bearer ${ids.key}` }) },
  { operationId: "listAccessLog", path: () => "/api/v1/access-log?outcome=maybe", status: 400, headers: (ids) => ({ authorization: `Bearer ${ids.key}` }) },
  { operationId: "listAccessLog", path: () => "/api/v1/access-log", status: 401 },
  {
    operationId: "signIn",
    path: () => "/api/v1/session",
    status: 200,
    body: { email: "contract@example.com", password: "contract password" },
    prepare: async () => {
      const db = serverRuntime().db!;
      await createUser(db, { email: "contract@example.com", password: "contract password", tenantId: "default", role: "member" });
      await addMembership(db, "contract@example.com", "acme", "viewer");
    },
    remember: (_body, ids, response) => {
      ids.userCookie = response.headers.get("set-cookie")!.split(";")[0]!;
    },
  },
  // Single sign-on as the same user, at a real provider (beforeAll): its answer is fetched in between.
  {
    operationId: "startOidcSignIn",
    path: () => "/api/v1/session/oidc/start?next=%2Fruns",
    status: 302,
    remember: (_body, ids, response) => {
      ids.oidcAuthorization = response.headers.get("location")!;
      ids.oidcFlowCookie = response.headers.get("set-cookie")!.split(";")[0]!;
    },
  },
  {
    operationId: "finishOidcSignIn",
    path: (ids) => ids.oidcCallback!,
    status: 200,
    headers: (ids) => ({ cookie: ids.oidcFlowCookie! }),
    prepare: async (ids) => {
      const back = new URL(await signInAtProvider(ids.oidcAuthorization!, "contract-sub"));
      ids.oidcCallback = `${back.pathname}${back.search}`;
    },
  },
  { operationId: "finishOidcSignIn", path: (ids) => ids.oidcCallback!, status: 303 },
  { operationId: "switchTenant", path: () => "/api/v1/session", status: 200, body: { tenantId: "acme" }, headers: (ids) => ({ cookie: ids.userCookie! }) },
  { operationId: "switchTenant", path: () => "/api/v1/session", status: 403, body: { tenantId: "nowhere" }, headers: (ids) => ({ cookie: ids.userCookie! }) },
  { operationId: "switchTenant", path: () => "/api/v1/session", status: 401, body: { tenantId: "acme" } },
  {
    operationId: "signIn",
    path: () => "/api/v1/session",
    status: 200,
    body: { email: "boss@example.com", password: "contract password" },
    prepare: async () => {
      await createUser(serverRuntime().db!, { email: "boss@example.com", password: "contract password", tenantId: "default", role: "owner" });
    },
    remember: (_body, ids, response) => {
      ids.ownerCookie = response.headers.get("set-cookie")!.split(";")[0]!;
    },
  },
  {
    operationId: "createInvitation",
    path: () => "/api/v1/invitations",
    status: 201,
    body: { email: "joiner@example.com", role: "member" },
    headers: (ids) => ({ cookie: ids.ownerCookie! }),
    remember: (body, ids) => {
      ids.invitationToken = (body as { token: string }).token;
    },
  },
  { operationId: "createInvitation", path: () => "/api/v1/invitations", status: 400, body: { email: "not an email", role: "member" }, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "createInvitation", path: () => "/api/v1/invitations", status: 409, body: { email: "boss@example.com", role: "member" }, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  {
    operationId: "createInvitation",
    path: () => "/api/v1/invitations",
    status: 201,
    body: { email: "maybe@example.com", role: "viewer" },
    headers: (ids) => ({ cookie: ids.ownerCookie! }),
    remember: (body, ids) => {
      ids.invitationId = (body as { invitation: { id: string } }).invitation.id;
    },
  },
  { operationId: "listMembers", path: () => "/api/v1/members", status: 200, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "listMembers", path: () => "/api/v1/members", status: 403, headers: (ids) => ({ cookie: ids.userCookie! }) },
  { operationId: "revokeInvitation", path: (ids) => `/api/v1/invitations/${ids.invitationId}`, status: 204, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "revokeInvitation", path: (ids) => `/api/v1/invitations/${ids.invitationId}`, status: 404, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "acceptInvitation", path: () => "/api/v1/invitations/accept", status: 404, body: { token: "coi_unknown", password: "joiner password" } },
  {
    operationId: "acceptInvitation",
    path: () => "/api/v1/invitations/accept",
    status: 200,
    bodyFor: (ids) => ({ token: ids.invitationToken, password: "joiner password", displayName: "Joiner" }),
    remember: (body, ids) => {
      ids.joinedUserId = (body as { user: { id: string } }).user.id;
    },
  },
  { operationId: "acceptInvitation", path: () => "/api/v1/invitations/accept", status: 410, bodyFor: (ids) => ({ token: ids.invitationToken, password: "joiner password" }) },
  // Accepting with single sign-on: the used invitation sends the browser to the page that says so.
  { operationId: "startOidcSignIn", path: (ids) => `/api/v1/session/oidc/start?invitation=${ids.invitationToken!}`, status: 303 },
  { operationId: "changeMemberRole", path: (ids) => `/api/v1/members/${ids.joinedUserId}`, status: 200, body: { role: "viewer" }, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "changeMemberRole", path: () => "/api/v1/members/999999", status: 404, body: { role: "viewer" }, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "setViewerContent", path: () => "/api/v1/settings/viewers", status: 200, body: { seesContent: false }, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "setViewerContent", path: () => "/api/v1/settings/viewers", status: 400, body: { seesContent: "no" }, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "removeMember", path: (ids) => `/api/v1/members/${ids.joinedUserId}`, status: 204, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "removeMember", path: (ids) => `/api/v1/members/${ids.joinedUserId}`, status: 404, headers: (ids) => ({ cookie: ids.ownerCookie! }) },
  { operationId: "revokeApiKey", path: (ids) => `/api/v1/api-keys/${ids.keyId}`, status: 204, headers: (ids) => ({ authorization: `Bearer ${ids.key}` }) },
];

const byId = new Map(OPERATIONS.map((op) => [op.operationId, op]));

function fill(template: string): RegExp {
  return new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+").replaceAll(".", "\\.")}$`);
}

/** The first `data:` line of an event stream, then the stream is cancelled. */
async function firstEventData(response: Response): Promise<unknown> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error("stream ended before an event");
      text += decoder.decode(value, { stream: true });
      const line = text.split("\n").find((l) => l.startsWith("data:"));
      if (line && text.includes("\n\n")) return JSON.parse(line.slice(5).trim()) as unknown;
    }
  } finally {
    await reader.cancel();
  }
}

/** The demo sends no metrics: an app's counter and histogram, through the SDK's OTLP/HTTP exporter. */
async function sendMetrics(httpUrl: string): Promise<void> {
  const reader = new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${httpUrl}/v1/metrics` }), exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": "contract-app" }), readers: [reader] });
  const meter = provider.getMeter("contract");
  const requests = meter.createCounter("requests.count");
  requests.add(2, { route: "/a" });
  requests.add(1, { route: "/b" });
  const latency = meter.createHistogram("latency", { unit: "ms" });
  for (const value of [3, 30, 300]) latency.record(value);
  await provider.shutdown();
}

describe.each(testBackends())("the API against its OpenAPI document on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let summary: DemoSummary;
  let document: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown; "x-event-data"?: unknown }> }> }>>; components: unknown };
  const validators = new Map<string, ValidateFunction>();
  const ids: Ids = { runA: "", runB: "", workload: "Draft Reviewer", logicA: "", logicB: "" };
  let savedBacklog: IngestBacklog | null = null;
  let provider: TestProvider | undefined;

  /** Ajv for the document's schemas; `#/components/...` refs resolve inside the document. */
  function validatorFor(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      validate = ajv.compile({ ...(schema as object), components: document.components });
      validators.set(key, validate);
    }
    return validate;
  }

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
    // The backlog endpoints answer 503 without one; a collector that keeps a spool sets its own.
    savedBacklog = serverRuntime().ingestBacklog;
    serverRuntime().ingestBacklog ??= fixedBacklog();
    ids.setupToken = issueSetupToken();
    setWebhookHosts(["127.0.0.1"]);
    provider = await startTestProvider({
      clientId: "observatory",
      clientSecret: "contract client secret",
      redirectUris: ["http://127.0.0.1:3000/api/v1/session/oidc/callback"],
      accounts: { "contract-sub": { email: "contract@example.com", emailVerified: true } },
    });
    forgetProviderConfiguration();
    setOidcSettings({ issuer: provider.issuer, clientId: "observatory", clientSecret: "contract client secret", redirectUrl: null, label: "SSO" });
    const collector = server.collector();
    summary = await runDemo({ grpc: `http://127.0.0.1:${collector.grpcPort}`, http: `http://127.0.0.1:${collector.httpPort}` }, ANCHOR);
    await sendMetrics(`http://127.0.0.1:${collector.httpPort}`);
    // Verdicts are computed in the background: one pass now, so their bodies have evidence to check.
    await collector.verdicts.pass({ full: true });
    // Ledgers are sealed and signed in the background too: two passes, so the demo's runs are both.
    await collector.ledger.pass({ checkpoint: true });
    await collector.ledger.pass({ checkpoint: true });
    document = (await (await callRoute("get", "/api/v1/openapi.json")).json()) as typeof document;
    const runs = (await (await callRoute("get", `/api/v1/runs?workload=${enc(ids.workload)}&limit=2`)).json()) as { runs: { runId: string }[] };
    [ids.runA, ids.runB] = runs.runs.map((run) => run.runId) as [string, string];
    const versions = (await (await callRoute("get", `/api/v1/workloads/${enc(ids.workload)}/versions`)).json()) as { versions: { logicId: string }[] };
    [ids.logicB, ids.logicA] = versions.versions.map((version) => version.logicId) as [string, string];
  }, 180_000);
  afterAll(async () => {
    setWebhookHosts([]);
    setOidcSettings(null);
    forgetProviderConfiguration();
    await provider?.close();
    serverRuntime().ingestBacklog = savedBacklog;
    await server?.close();
    await handle?.dispose();
  });

  it("has the demo's data to work on", () => {
    expect(summary.runs).toBeGreaterThan(50);
    expect(ids.runA && ids.runB && ids.logicA && ids.logicB).toBeTruthy();
  });

  it("covers every documented operation with a successful call", () => {
    // A redirect is how a browser navigation (single sign-on's start) succeeds.
    const succeeded = new Set(CASES.filter((c) => c.status < 400).map((c) => c.operationId));
    expect(OPERATIONS.map((op) => op.operationId).filter((id) => !succeeded.has(id))).toEqual([]);
  });

  it.each(CASES.map((c, i) => [`${c.operationId} → ${c.status}`, i] as const))("%s", async (_name, index) => {
    const testCase = CASES[index]!;
    const op: OperationSpec | undefined = byId.get(testCase.operationId);
    expect(op, `operation ${testCase.operationId} is documented`).toBeDefined();
    await testCase.prepare?.(ids);
    const url = testCase.path(ids);
    expect(new URL(url, "http://x").pathname).toMatch(fill(op!.path));
    const body = testCase.bodyFor ? testCase.bodyFor(ids) : testCase.body;
    const response = await callRoute(op!.method, url, { ...(body === undefined ? {} : { body }), ...(testCase.headers ? { headers: testCase.headers(ids) } : {}) });
    // Reading the body for the message only on a mismatch: an event stream never ends.
    if (response.status !== testCase.status) expect(`${response.status} ${(await response.text()).slice(0, 300)}`).toBe(String(testCase.status));

    const documented = document.paths[op!.path]?.[op!.method]?.responses[String(testCase.status)];
    expect(documented, `status ${testCase.status} is documented for ${op!.operationId}`).toBeDefined();
    if (!documented!.content) return testCase.remember?.(undefined, ids, response);
    const [contentType, media] = Object.entries(documented!.content)[0]!;
    expect(response.headers.get("content-type") ?? "").toContain(contentType);
    const answer =
      contentType === "text/event-stream" ? await firstEventData(response) : contentType.startsWith("text/") ? await response.text() : await response.json();
    const schema = contentType === "text/event-stream" ? media["x-event-data"] : media.schema;
    const validate = validatorFor(schema);
    expect(validate(answer) ? [] : validate.errors).toEqual([]);
    testCase.remember?.(answer, ids, response);
  });
});
