import { z } from "zod";
import { createApiKeyBody, firstOwnerBody, signInBody, switchTenantBody } from "@/lib/auth/api-key-params";
import { acceptInvitationBody, createInvitationBody, memberRoleBody, viewerContentBody } from "@/lib/users/member-params";
import { ledgerSchema } from "@/lib/runs/ledger-upload";
import { priceOverrideInputSchema } from "@/lib/costs/pricing/override-input";
import { alertRuleInputSchema } from "@/lib/alerts/rules";
import { retentionInputSchema } from "@/lib/retention/input";
import { redactionInputSchema } from "@/lib/redaction/input";
import { redactionPreviewSchema } from "@/lib/redaction/preview-input";
import { scoreBatchSchema, scoreInputSchema } from "@/lib/scores/input";
import { OPERATIONS, SHARED_PARAMETERS, type OperationSpec, type ParamSpec } from "@/lib/openapi/operations";
import generated from "@/lib/openapi/schemas.generated.json";

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No content",
  302: "The browser is sent to the `Location` header",
  303: "The browser is sent to the `Location` header (a page that says what went wrong)",
  400: "Invalid parameter or body (`invalid_parameter`, `invalid_body`)",
  401: "A key is required (API keys are configured, or the server listens beyond loopback) or the key or session is unknown (`unauthenticated`)",
  403: "The key lacks the scope this needs or its tenant may not do this (`forbidden`, naming the scope), or a browser sent this write from another site (`cross_site_request`)",
  404: "No such resource (`not_found`)",
  409: "Conflicts with what is stored (`conflict`): an id already another resource's, the tenant's last owner, an email already a member",
  410: "The link was used, revoked or has expired (`gone`)",
  413: "Body too large (`payload_too_large`)",
  415: "The body is not sent as `Content-Type: application/json` (`unsupported_media_type`)",
  429: "Too many failed attempts from this address (`too_many_attempts`); retry after `Retry-After` seconds",
  503: "Starting up or the database is unavailable (`unavailable`); retry after `Retry-After` seconds",
};

/** Request bodies are validated with zod; their JSON Schemas come from the same schemas. */
function requestSchemas(): Record<string, Json> {
  const toSchema = (schema: z.ZodType) => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as Json;
    return rest;
  };
  return {
    PriceOverrideInput: toSchema(priceOverrideInputSchema),
    RetentionInput: toSchema(retentionInputSchema),
    RedactionInput: toSchema(redactionInputSchema),
    RedactionPreviewInput: toSchema(redactionPreviewSchema),
    LedgerUpload: toSchema(ledgerSchema),
    SignInRequest: toSchema(signInBody),
    SwitchTenantRequest: toSchema(switchTenantBody),
    FirstOwnerRequest: toSchema(firstOwnerBody),
    ApiKeyCreateRequest: toSchema(createApiKeyBody),
    InvitationCreateRequest: toSchema(createInvitationBody),
    InvitationAcceptRequest: toSchema(acceptInvitationBody),
    MemberRoleRequest: toSchema(memberRoleBody),
    ViewerContentInput: toSchema(viewerContentBody),
    AlertRuleInput: toSchema(alertRuleInputSchema),
    ScoresInput: toSchema(z.union([scoreInputSchema, scoreBatchSchema])),
  };
}

function parameter(spec: ParamSpec | string): Json {
  if (typeof spec === "string") return { $ref: `#/components/parameters/${spec}` };
  return { ...spec, required: spec.in === "path" ? true : (spec.required ?? false) };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function responses(spec: OperationSpec): Json {
  return Object.fromEntries(
    Object.entries(spec.responses).map(([status, body]) => {
      const description = STATUS_TEXT[Number(status)] ?? "Response";
      if (body === null) return [status, { description }];
      if (typeof body === "object" && "plainText" in body) return [status, { description, content: { [body.plainText]: { schema: { type: "string" } } } }];
      if (typeof body === "object") {
        return [
          status,
          {
            description: "A stream of Server-Sent Events; each `data:` line is one JSON document (see `x-event-data`). Keep-alive comments in between.",
            content: { "text/event-stream": { schema: { type: "string" }, "x-event-data": ref(body.eventStream) } },
          },
        ];
      }
      return [status, { description, content: { "application/json": { schema: ref(body) } } }];
    }),
  );
}

/** Keyed operations name their scope: as the role of each security requirement (OpenAPI 3.1), and in `x-required-scope`. */
function security(spec: OperationSpec): Json {
  if (spec.public) return { security: [] };
  const scope = spec.scope ?? "read";
  return { security: [{ bearer: [scope] }, { apiKeyHeader: [scope] }, { session: [scope] }, {}], "x-required-scope": scope };
}

function operation(spec: OperationSpec): Json {
  const scope = spec.public ? null : (spec.scope ?? "read");
  const description = [spec.description, scope ? `Needs a key (or session) with the \`${scope}\` scope once keys are required.` : null].filter(Boolean).join("\n\n");
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(description ? { description } : {}),
    ...(spec.parameters?.length ? { parameters: spec.parameters.map(parameter) } : {}),
    ...(spec.body ? { requestBody: { required: true, description: spec.body.description, content: { "application/json": { schema: ref(spec.body.schema) } } } } : {}),
    responses: responses(spec),
    ...security(spec),
  };
}

/** The OpenAPI 3.1 document of every HTTP endpoint this server has. */
export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const spec of OPERATIONS) paths[spec.path] = { ...(paths[spec.path] ?? {}), [spec.method]: operation(spec) };
  return {
    openapi: "3.1.0",
    info: {
      title: "Codon Observatory API",
      version: "1",
      description: [
        "Runs, spans, audit ledgers, workloads and their versions, costs and prices of the agent workflows this collector stored.",
        "",
        "Authentication: until an API key has been created, a server that listens on loopback only serves everything without one (tenant `default`). Once keys exist, or when the server listens beyond loopback, every request needs one: `Authorization: Bearer <key>` or `x-codon-api-key: <key>` (or the dashboard's session cookie), and sees only its key's tenant.",
        "",
        "Scopes: `ingest` sends telemetry (OTLP, the ledger upload), `read` reads (the dashboard and this API's reads), `admin` manages keys and prices (and brings `read`). Each operation names the scope it needs; a key without it gets 403 naming the scope.",
        "",
        "Writes with a body take `Content-Type: application/json` only (415 otherwise); a browser's write must come from this origin (403 `cross_site_request`).",
        "",
        "Lists are cursor-paginated: pass a response's `nextCursor` as `cursor` for the next page; `nextCursor` is null on the last one. Limits are bounded; out-of-range values are a 400.",
        "",
        "Errors are `{ \"error\": { \"code\", \"message\" } }` with the matching status. Times are ISO 8601 UTC; durations milliseconds; costs USD.",
      ].join("\n"),
    },
    servers: [{ url: "/", description: "This server" }],
    tags: [
      { name: "Runs", description: "One execution of a workload: its DAG, spans, ledger and live updates." },
      { name: "Logs", description: "OTLP log records that are not audit events: per run (under Runs) and per service." },
      { name: "Metrics", description: "OTLP metrics: counters, gauges and histograms per service, charted over time." },
      { name: "Workloads", description: "Agents, their logic-id versions, trends and version comparison." },
      { name: "Audit", description: "The tamper-evident ledger: each finished run's audit events hash-chained, sealed and signed into checkpoints (docs/ledger-format.md)." },
      { name: "Scores", description: "Quality scores and feedback on runs and node activations (also sent as GenAI evaluation events), summed up per version." },
      { name: "Costs", description: "Spend, costliest runs, cost per run, unpriced models." },
      { name: "Prices", description: "Your own model prices and the background repricing they trigger." },
      { name: "Settings", description: "How long runs are kept, what is redacted at ingest, what viewers see." },
      { name: "Alerts", description: "Rules on runs and versions that notify a webhook when they start and stop holding (see `webhooks` for the body sent)." },
      {
        name: "Workflows",
        description:
          "AgentField-compatible views of the same data (snake_case on purpose): a run is a workflow; a node activation, or each span of a generic trace, is an execution.",
      },
      { name: "Access", description: "API keys and the dashboard's sign-in session." },
      { name: "Members", description: "People in the tenant with their roles (owner, admin, member, viewer), and invitations to join it." },
      { name: "Server", description: "Health and this document." },
    ],
    security: [{ bearer: [] }, { apiKeyHeader: [] }, { session: [] }, {}],
    paths,
    webhooks: {
      alert: {
        post: {
          summary: "An alert rule changed state (or was tested)",
          description:
            "Sent to a rule's `webhookUrl` (a host in the server's `ALERT_WEBHOOK_HOSTS`) when it starts firing, when it resolves, and on `POST /api/v1/alert-rules/{id}/test`. Headers: `x-codon-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" keyed by the rule's secret>` (reject old timestamps: replays), `x-codon-event-id` (the same on every retry of one event). Redirects are not followed; 10 s timeout; anything but 2xx is retried after 5 s, 30 s, 2 min, 10 min and 30 min, then given up (each attempt is in the rule's event history).",
          requestBody: { required: true, content: { "application/json": { schema: ref("AlertWebhook") } } },
          responses: { 200: { description: "Any 2xx acknowledges the event." } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (`npm run apikey -- create <tenant> [name] --scope ingest|read|admin`)." },
        apiKeyHeader: { type: "apiKey", in: "header", name: "x-codon-api-key", description: "The same key, as the OTLP exporters send it." },
        session: { type: "apiKey", in: "cookie", name: "codon_session", description: "A server-side session id set by POST /api/v1/session (the dashboard's sign-in); it has the scopes of the key it came from, or of its user's role in the tenant it acts in." },
      },
      parameters: Object.fromEntries(Object.entries(SHARED_PARAMETERS).map(([name, spec]) => [name, parameter(spec)])),
      schemas: { ...(generated as Record<string, Json>), ...requestSchemas() },
    },
  };
}
