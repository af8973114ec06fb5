// Who may call each route handler under app/api: one line per `METHOD /path`, checked against
// the handlers that exist and called as each kind of caller by route-authorization.test.ts.
// A new route.ts (or a new method in one) fails that test until it has a line here.

export const PRINCIPALS = ["anonymous", "ingestKey", "readKey", "adminKey", "viewer", "member", "admin", "owner", "hiddenViewer"] as const;
/** `hiddenViewer`: a viewer in a tenant with viewers_see_content = false. */
export type PrincipalName = (typeof PRINCIPALS)[number];

/** `pass`: authorization let it through (any status but 401 and 403). */
export type Outcome = "pass" | 401 | 403;
export type Rule = Readonly<Record<PrincipalName, Outcome>>;

const everyone = (outcome: Outcome): Record<PrincipalName, Outcome> => Object.fromEntries(PRINCIPALS.map((p) => [p, outcome])) as Record<PrincipalName, Outcome>;

/** Anyone, with or without credentials. */
export const PUBLIC: Rule = everyone("pass");
/** The `read` scope: every key but an ingest-only one, every role. */
export const READ: Rule = { ...everyone("pass"), anonymous: 401, ingestKey: 403 };
/** Reading inputs and outputs as such (no shape to hide them in): not for viewers of a tenant that hides them. */
export const CONTENT: Rule = { ...READ, hiddenViewer: 403 };
/** Feedback and scores change what the tenant holds: `read`, but no viewer. */
export const FEEDBACK: Rule = { ...READ, viewer: 403, hiddenViewer: 403 };
/** The `admin` scope: admin keys, owners and admins. */
export const ADMIN: Rule = { ...everyone(403), anonymous: 401, adminKey: "pass", admin: "pass", owner: "pass" };
/** The `ingest` scope: exporters' keys only (no role brings it). */
export const INGEST: Rule = { ...everyone(403), anonymous: 401, ingestKey: "pass" };
/** A signed-in user's session (keys have no tenants to switch between). */
export const USER_SESSION: Rule = { ...everyone("pass"), anonymous: 401, ingestKey: 401, readKey: 401, adminKey: 401 };

/** Only the setup token opens it, and only until the first key or user exists: once they do, nobody. */
export const SETUP_TOKEN: Rule = everyone(401);

/** What a handler is called with: `{param}`s of the path default to SAMPLE_PARAMS; `$runId` stands for the test's run. */
export interface RouteRow {
  rule: Rule;
  query?: string;
  params?: Record<string, string>;
  body?: unknown;
}

export const RUN = "$runId";

/** Values that get past parameter checks; an id that does not exist answers 404, which is past authorization too. */
export const SAMPLE_PARAMS: Record<string, string> = { runId: RUN, nodeId: "answer", scoreId: "no-such-score", id: "999999", name: "Auth Agent", logicId: "0".repeat(64) };

export const ROUTES: Record<string, RouteRow> = {
  "GET /api/health": { rule: PUBLIC },
  // Off this machine: the backlog and metrics are for `read` callers.
  "GET /api/health/ingest": { rule: READ },
  "GET /api/metrics": { rule: READ },
  "GET /api/v1/openapi.json": { rule: PUBLIC },
  "GET /api/v1/audit/public-key": { rule: PUBLIC },
  "POST /api/v1/setup": { rule: SETUP_TOKEN, body: { email: "late@example.com", password: "a long enough password" } },
  "GET /api/v1/session": { rule: PUBLIC },
  "POST /api/v1/session": { rule: PUBLIC, body: {} },
  "PUT /api/v1/session": { rule: USER_SESSION, body: { tenantId: "$tenantId" } },
  "DELETE /api/v1/session": { rule: PUBLIC },
  // Single sign-on: the provider, not a key or session, says who is signing in.
  "GET /api/v1/session/oidc/start": { rule: PUBLIC },
  "GET /api/v1/session/oidc/callback": { rule: PUBLIC },
  "GET /api/v1/access-log": { rule: ADMIN },
  "GET /api/v1/members": { rule: ADMIN },
  "PATCH /api/v1/members/{userId}": { rule: ADMIN, params: { userId: "999999" }, body: {} },
  "DELETE /api/v1/members/{userId}": { rule: ADMIN, params: { userId: "999999" } },
  "POST /api/v1/invitations": { rule: ADMIN, body: {} },
  "DELETE /api/v1/invitations/{id}": { rule: ADMIN },
  // The link is the credential: anyone holding one may accept it (an unknown one is 404).
  "POST /api/v1/invitations/accept": { rule: PUBLIC, body: { token: "coi_unknown", password: "a long enough password" } },
  "PUT /api/v1/settings/viewers": { rule: ADMIN, body: {} },
  "GET /api/v1/api-keys": { rule: ADMIN },
  "POST /api/v1/api-keys": { rule: ADMIN, body: { name: "authorization test" } },
  "DELETE /api/v1/api-keys/{id}": { rule: ADMIN },
  "GET /api/v1/alert-rules": { rule: READ },
  "POST /api/v1/alert-rules": { rule: ADMIN, body: {} },
  "DELETE /api/v1/alert-rules/{id}": { rule: ADMIN },
  "POST /api/v1/alert-rules/{id}/test": { rule: ADMIN },
  "GET /api/v1/alert-rules/{id}/events": { rule: READ },
  "GET /api/v1/costs/per-run": { rule: READ },
  "GET /api/v1/costs/spend": { rule: READ },
  "GET /api/v1/costs/top-runs": { rule: READ },
  "GET /api/v1/costs/unpriced": { rule: READ },
  "GET /api/v1/prices": { rule: READ },
  "POST /api/v1/prices": { rule: ADMIN, body: {} },
  "DELETE /api/v1/prices/{id}": { rule: ADMIN },
  "GET /api/v1/prices/jobs/{id}": { rule: READ },
  "GET /api/v1/logs": { rule: READ },
  "GET /api/v1/metrics": { rule: READ },
  "GET /api/v1/metrics/series": { rule: READ, query: "name=none" },
  "GET /api/v1/metrics/services": { rule: READ },
  "GET /api/v1/runs": { rule: READ },
  "GET /api/v1/runs/compare": { rule: READ, query: `a=${RUN}&b=${RUN}` },
  "GET /api/v1/runs/{runId}": { rule: READ },
  "GET /api/v1/runs/{runId}/activations": { rule: READ },
  "GET /api/v1/runs/{runId}/events": { rule: READ },
  "GET /api/v1/runs/{runId}/spans": { rule: READ, query: "view=full" },
  "GET /api/v1/runs/{runId}/nodes/{nodeId}": { rule: READ },
  "GET /api/v1/runs/{runId}/logs": { rule: READ },
  "GET /api/v1/runs/{runId}/logs/marks": { rule: READ },
  "GET /api/v1/runs/{runId}/ledger": { rule: READ },
  "POST /api/v1/runs/{runId}/ledger": { rule: INGEST, body: [] },
  "GET /api/v1/runs/{runId}/ledger/verify": { rule: READ },
  "GET /api/v1/runs/{runId}/ledger/export": { rule: CONTENT },
  "GET /api/v1/runs/{runId}/scores": { rule: READ },
  "POST /api/v1/runs/{runId}/scores": { rule: FEEDBACK, body: { name: "authorization", value: 1 } },
  "DELETE /api/v1/runs/{runId}/scores/{scoreId}": { rule: FEEDBACK },
  "GET /api/v1/settings/redaction": { rule: READ },
  "POST /api/v1/settings/redaction": { rule: ADMIN, body: {} },
  "POST /api/v1/settings/redaction/preview": { rule: CONTENT, body: { text: "nothing secret" } },
  "GET /api/v1/settings/retention": { rule: READ },
  "POST /api/v1/settings/retention": { rule: ADMIN, body: {} },
  "GET /api/v1/workflows/{id}": { rule: READ, params: { id: RUN } },
  "GET /api/v1/workflows/{id}/events": { rule: READ, params: { id: RUN } },
  "GET /api/v1/workflows/{id}/executions": { rule: READ, params: { id: RUN } },
  "GET /api/v1/executions/{id}": { rule: READ },
  "GET /api/v1/workloads": { rule: READ },
  "GET /api/v1/workloads/{name}/compare": { rule: READ, query: `a=${"0".repeat(64)}&b=${"1".repeat(64)}` },
  "GET /api/v1/workloads/{name}/scores": { rule: READ },
  "GET /api/v1/workloads/{name}/trend": { rule: READ },
  "GET /api/v1/workloads/{name}/versions": { rule: READ },
  "GET /api/v1/workloads/{name}/versions/{logicId}/verdict": { rule: READ },
};
