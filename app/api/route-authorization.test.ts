import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetAttempts } from "@/lib/auth/attempts";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { OPERATIONS } from "@/lib/openapi/operations";
import { serverRuntime } from "@/lib/runtime/registry";
import { fixedBacklog } from "@/lib/runtime/testing";
import type { IngestBacklog } from "@/lib/runtime/ingest-backlog";
import { createUser } from "@/lib/users/users";
import type { Role } from "@/lib/users/roles";
import { apiRequest, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";
import { ADMIN, INGEST, PRINCIPALS, PUBLIC, ROUTES, RUN, SAMPLE_PARAMS, USER_SESSION, SETUP_TOKEN, type Outcome, type PrincipalName, type RouteRow } from "@/app/api/route-authorization";
import { POST as signIn } from "@/app/api/v1/session/route";

// Every route handler under app/api, called as every kind of caller: only whether authorization
// let the call through is checked (401 / 403, or anything else). The rules live in
// route-authorization.ts, one line per route; a handler without a line fails here.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const API_DIR = path.join(process.cwd(), "app", "api");
const PASSWORD = "authorization test password";
const HIDDEN_TENANT = "hidden-content";
/** Ends the sessions it is called with: called last. */
const SIGNS_OUT = "DELETE /api/v1/session";

/** `METHOD /api/...` for every exported handler of every app/api/**\/route.ts, `[param]` as `{param}`. */
async function routeHandlers(): Promise<string[]> {
  const files = fs.readdirSync(API_DIR, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
  const found: string[] = [];
  for (const file of files) {
    const route = `/api/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}").replace(/\/\.$/, "");
    const module = (await import(pathToFileURL(path.join(API_DIR, file)).href)) as Record<string, unknown>;
    for (const method of METHODS) if (typeof module[method] === "function") found.push(`${method} ${route}`);
  }
  return found.sort();
}

interface Caller {
  headers: Record<string, string>;
  tenantId: string;
}

/** A row's request: `{param}`s and `$runId`/`$tenantId` filled in. */
function requestOf(key: string, row: RouteRow, runId: string, caller: Caller): { method: string; url: string; body?: unknown } {
  const [method, template] = key.split(" ") as [string, string];
  const fill = (text: string) => text.replaceAll(RUN, runId).replaceAll("$tenantId", caller.tenantId);
  const pathname = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(fill(row.params?.[name] ?? SAMPLE_PARAMS[name] ?? "x")));
  const url = `${pathname}${row.query ? `?${fill(row.query)}` : ""}`;
  const body = row.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(row.body)));
  return { method, url, ...(body === undefined ? {} : { body }) };
}

function outcomeOf(status: number): Outcome {
  return status === 401 || status === 403 ? status : "pass";
}

describe("the authorization table", () => {
  it("has a line for every route handler, and a handler for every line", async () => {
    const handlers = await routeHandlers();
    const missing = handlers.filter((key) => !(key in ROUTES)).map((key) => `${key}: no authorization rule; add a line to ROUTES in app/api/route-authorization.ts`);
    const stale = Object.keys(ROUTES).filter((key) => !handlers.includes(key)).map((key) => `${key}: no such handler; remove its line from app/api/route-authorization.ts`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it("agrees with the OpenAPI document's public flags and scopes", () => {
    const disagree = OPERATIONS.flatMap((op) => {
      const key = `${op.method.toUpperCase()} ${op.path}`;
      const rule = ROUTES[key]?.rule;
      if (!rule) return [`${key} (${op.operationId}): documented, but no line in ROUTES`];
      // Public: no key needed; switching tenants still needs a user's session, which it checks itself.
      const fits = op.public ? rule === PUBLIC || rule === USER_SESSION || rule === SETUP_TOKEN : op.scope === "admin" ? rule === ADMIN : op.scope === "ingest" ? rule === INGEST : rule.readKey === "pass" && rule.ingestKey !== "pass";
      return fits ? [] : [`${key} (${op.operationId}): documented as ${op.public ? "public" : (op.scope ?? "read")}`];
    });
    expect(disagree).toEqual([]);
  });
});

describe.each(testBackends())("each route as each caller on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  let savedBacklog: IngestBacklog | null = null;
  const runId = `authz-run-${backend.name}`;
  const callers = new Map<PrincipalName, Caller>();

  async function signInAs(email: string): Promise<string> {
    forgetAttempts();
    const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { email, password: PASSWORD } }));
    if (response.status !== 200) throw new Error(`signing in ${email}: ${response.status} ${await response.text()}`);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  }

  beforeAll(async () => {
    handle = await backend.open();
    const db = handle.database.kysely;
    server = await wireServerRuntime(handle.database);
    savedBacklog = serverRuntime().ingestBacklog;
    serverRuntime().ingestBacklog ??= fixedBacklog();
    await sendRun(server.collector(), runId);
    const keys = { ingestKey: ["ingest"], readKey: ["read"], adminKey: ["read", "admin"] } as const;
    for (const [name, scopes] of Object.entries(keys)) {
      const { key } = await createApiKey(db, "default", name, scopes);
      callers.set(name as PrincipalName, { headers: { authorization: `Bearer ${key}` }, tenantId: "default" });
    }
    const roles: [PrincipalName, Role, string][] = [
      ["viewer", "viewer", "default"],
      ["member", "member", "default"],
      ["admin", "admin", "default"],
      ["owner", "owner", "default"],
      ["hiddenViewer", "viewer", HIDDEN_TENANT],
    ];
    for (const [name, role, tenantId] of roles) await createUser(db, { email: `${name}@example.com`, password: PASSWORD, tenantId, role });
    await db.updateTable("tenants").set({ viewers_see_content: false }).where("id", "=", HIDDEN_TENANT).execute();
    // Keys and users now exist: a fresh authenticator must not keep "open" cached.
    await server.restartCollector();
    for (const [name, , tenantId] of roles) callers.set(name, { headers: { cookie: await signInAs(`${name}@example.com`) }, tenantId });
    callers.set("anonymous", { headers: {}, tenantId: "default" });
  }, 120_000);
  afterAll(async () => {
    serverRuntime().ingestBacklog = savedBacklog;
    await server?.close();
    await handle?.dispose();
  });

  const rows = Object.entries(ROUTES).sort(([a], [b]) => Number(a === SIGNS_OUT) - Number(b === SIGNS_OUT));
  it.each(rows)("%s", async (key, row) => {
    const wrong: string[] = [];
    for (const principal of PRINCIPALS) {
      const caller = callers.get(principal)!;
      forgetAttempts();
      const { method, url, body } = requestOf(key, row, runId, caller);
      const response = await callRoute(method, url, { headers: caller.headers, ...(body === undefined ? {} : { body }) });
      const expected = row.rule[principal];
      const got = outcomeOf(response.status);
      // Past authorization, a 5xx means the request never got a fair try: the table's sample needs fixing.
      const broken = got === "pass" && response.status >= 500;
      if (got !== expected || broken) {
        const json = response.headers.get("content-type")?.includes("json");
        wrong.push(`${principal}: expected ${expected}, got ${response.status} ${json ? (await response.text()).slice(0, 200) : ""}`);
      } else {
        // Event streams never end by themselves.
        await response.body?.cancel();
      }
    }
    expect(wrong, key).toEqual([]);
  });
});
