import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetRefusals } from "@/lib/access-log/refusals";
import { verifyAccessLog } from "@/lib/access-log/queries/access-log";
import { forgetAttempts } from "@/lib/auth/attempts";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { createUser } from "@/lib/users/users";
import { apiRequest, sendRun, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";
import { ROUTES, RUN, SAMPLE_PARAMS } from "@/app/api/route-authorization";
import { POST as signIn } from "@/app/api/v1/session/route";

// A viewer of a tenant that hides inputs and outputs (viewers_see_content = false) reads a real
// run, its log lines and its ledger through every GET route, and never meets the text that went
// in; a member of the same tenant does, through the routes that carry it.

const SECRET = "zebra-secret-7f3a9c";
const PASSWORD = "content visibility password";
const enc = encodeURIComponent;

/** The routes that carry content to those who may see it (the member's side of the check). */
const CARRIERS = [
  (run: string) => `/api/v1/runs/${enc(run)}/spans?view=full`,
  (run: string) => `/api/v1/runs/${enc(run)}/nodes/answer`,
  (run: string) => `/api/v1/runs/${enc(run)}/ledger`,
  (run: string) => `/api/v1/runs/${enc(run)}/logs`,
  () => "/api/v1/logs",
  (run: string) => `/api/v1/workflows/${enc(run)}/executions`,
];

/** The whole body; an event stream's first event only (it never ends). */
async function bodyText(response: Response): Promise<string> {
  if (!response.headers.get("content-type")?.includes("text/event-stream")) return response.text();
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (!text.includes("\n\n") || !text.includes("data:")) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
  return text;
}

/** A log line of the run, its body and an attribute holding the secret, through OTLP/HTTP. */
async function sendLog(httpPort: number, runId: string): Promise<void> {
  const exporter = new OTLPLogExporter({ url: `http://127.0.0.1:${httpPort}/v1/logs` });
  const loggers = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "auth-test" }), processors: [new BatchLogRecordProcessor({ exporter })] });
  loggers.getLogger("content").emit({ severityNumber: SeverityNumber.INFO, body: `asked ${SECRET}`, attributes: { "codon.workload.run_id": runId, note: SECRET } });
  await loggers.shutdown();
}

describe.each(testBackends())("content hidden from viewers on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const runId = `content-run-${backend.name}`;
  const cookies: Record<"member" | "viewer", string> = { member: "", viewer: "" };
  const get = (path: string, cookie: string) => callRoute("get", path, { headers: { cookie } });

  beforeAll(async () => {
    handle = await backend.open();
    const db = handle.database.kysely;
    server = await wireServerRuntime(handle.database);
    const collector = server.collector();
    await sendRun(collector, runId, undefined, SECRET);
    await sendLog(collector.httpPort, runId);
    // Sealed, so the member's export is a bundle rather than 409.
    await collector.ledger.pass({ checkpoint: true });
    for (const role of ["member", "viewer"] as const) await createUser(db, { email: `${role}@example.com`, password: PASSWORD, tenantId: "default", role });
    await db.updateTable("tenants").set({ viewers_see_content: false }).where("id", "=", "default").execute();
    await server.restartCollector();
    for (const role of ["member", "viewer"] as const) {
      forgetAttempts();
      const response = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { email: `${role}@example.com`, password: PASSWORD } }));
      cookies[role] = response.headers.get("set-cookie")!.split(";")[0]!;
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  it("a member reads the secret through each route that carries content", async () => {
    for (const path of CARRIERS.map((carrier) => carrier(runId))) {
      const text = await bodyText(await get(path, cookies.member));
      expect(text, path).toContain(SECRET);
    }
    const executions = (await (await get(`/api/v1/workflows/${enc(runId)}/executions`, cookies.member)).json()) as { executions: { execution_id: string }[] };
    const execution = await bodyText(await get(`/api/v1/executions/${executions.executions[0]!.execution_id}`, cookies.member));
    expect(execution).toContain(SECRET);
    const bundle = await get(`/api/v1/runs/${enc(runId)}/ledger/export`, cookies.member);
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain(SECRET);
  });

  it("the viewer meets it on no GET route, and sees what was hidden, by name", async () => {
    const executions = (await (await get(`/api/v1/workflows/${enc(runId)}/executions`, cookies.viewer)).json()) as { executions: { execution_id: string }[] };
    const leaks: string[] = [];
    const paths = Object.entries(ROUTES)
      .filter(([key]) => key.startsWith("GET "))
      .map(([key, row]) => key.slice(4).replace(/\{([^}]+)\}/g, (_, name: string) => enc((row.params?.[name] ?? SAMPLE_PARAMS[name] ?? "x").replace(RUN, runId))) + (row.query ? `?${row.query.replaceAll(RUN, runId)}` : ""));
    paths.push(`/api/v1/executions/${executions.executions[0]!.execution_id}`, `/api/v1/runs/${enc(runId)}/spans?view=full`);
    for (const path of paths) {
      const text = await bodyText(await get(path, cookies.viewer));
      if (text.includes(SECRET)) leaks.push(path);
    }
    expect(leaks).toEqual([]);
    const node = (await (await get(`/api/v1/runs/${enc(runId)}/nodes/answer`, cookies.viewer)).json()) as { activations: { input: unknown; output: unknown; contentHidden?: boolean }[] };
    expect(node.activations[0]).toMatchObject({ input: null, output: null, contentHidden: true });
    const logs = (await (await get(`/api/v1/runs/${enc(runId)}/logs`, cookies.viewer)).json()) as { logs: { body: unknown; attributes: Record<string, unknown>; contentHidden?: boolean }[] };
    expect(logs.logs[0]).toMatchObject({ body: null, attributes: { note: null }, contentHidden: true });
  });

  it("refuses the viewer what cannot be shown without content: the ledger bundle, a search of log bodies", async () => {
    for (const path of [`/api/v1/runs/${enc(runId)}/ledger/export`, `/api/v1/runs/${enc(runId)}/logs?q=zebra`, "/api/v1/logs?q=zebra"]) {
      expect((await get(path, cookies.viewer)).status, path).toBe(403);
    }
    expect((await get(`/api/v1/runs/${enc(runId)}/logs?q=zebra`, cookies.member)).status).toBe(200);
  });

  it("records each download of the bundle once in the access log: the member's as done, the viewer's as refused", async () => {
    forgetRefusals();
    const db = handle.database.kysely;
    const entries = () => db.selectFrom("access_log").select(["seq", "action", "outcome", "actor_label", "target_id", "details"]).where("tenant_id", "=", "default").where("action", "in", ["ledger.export", "request.denied"]).orderBy("seq").execute();
    const last = (await entries()).at(-1)?.seq ?? "0";
    const path = `/api/v1/runs/${enc(runId)}/ledger/export`;
    expect((await get(path, cookies.member)).status).toBe(200);
    // Asked again at once: the same refusal, recorded once.
    for (let i = 0; i < 3; i++) expect((await get(path, cookies.viewer)).status).toBe(403);
    const added = (await entries()).filter((entry) => Number(entry.seq) > Number(last));
    expect(added.map(({ action, outcome, actor_label, target_id, details }) => ({ action, outcome, actor_label, target_id, details }))).toEqual([
      { action: "ledger.export", outcome: "ok", actor_label: "member@example.com", target_id: runId, details: { events: expect.any(Number) } },
      { action: "ledger.export", outcome: "denied", actor_label: "viewer@example.com", target_id: null, details: { method: "GET", route: path, needs: "content" } },
    ]);
    expect((await verifyAccessLog(db, "default")).status).toBe("intact");
  });
});
