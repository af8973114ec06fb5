import fs from "node:fs";
import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { expect, test, type Page } from "@playwright/test";
import { scriptedRunAudit, scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendLogs, sendSpans } from "@/e2e/send";

// Unique per run of the suite: the server's database is shared with the other specs.
const suffix = Date.now().toString(36);
const LOGIC_RW = "1f".repeat(32);
const LOGIC_TRIAGE = "2e".repeat(32);
const gpt = (inputTokens: number, outputTokens: number) => ({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens, outputTokens });

const researchWriter = (runId: string, deployment: string, startMs: number): Omit<ScriptedRun, "activations"> => ({
  runId,
  workload: "Research-Writer",
  version: "0.1.0",
  logicId: LOGIC_RW,
  deployment,
  startMs,
  graph: {
    nodes: [
      { name: "planner", role: "llm" },
      { name: "researcher", role: "llm" },
      { name: "critic", role: "review" },
      { name: "writer", role: "llm" },
      { name: "fact_checker", role: "review" },
    ],
    edges: [
      ["planner", "researcher"],
      ["researcher", "critic"],
      ["critic", "researcher"],
      ["researcher", "writer"],
      ["writer", "fact_checker"],
    ],
  },
});

const started = Date.now() - 10 * 60_000;
const okRun: ScriptedRun = {
  ...researchWriter(`rw-ok-${suffix}`, "prod", started),
  activations: [
    { node: "planner", role: "llm", atMs: 0, durationMs: 400, llm: gpt(500, 120), output: '{"plan": ["search", "summarise"]}' },
    { node: "researcher", role: "llm", atMs: 420, durationMs: 900, llm: gpt(1200, 300), input: '{"topic": "otel for agents"}' },
    { node: "critic", role: "review", atMs: 1340, durationMs: 200 },
    { node: "researcher", role: "llm", atMs: 1560, durationMs: 700, llm: gpt(1500, 250) },
    { node: "writer", role: "llm", atMs: 2280, durationMs: 1100, llm: gpt(2000, 800) },
  ],
  tokens: [
    ["__entry__", "planner", `t1-${suffix}`, null],
    ["planner", "researcher", `t2-${suffix}`, `t1-${suffix}`],
    ["researcher", "critic", `t3-${suffix}`, `t2-${suffix}`],
    ["critic", "researcher", `t4-${suffix}`, `t3-${suffix}`],
    ["researcher", "writer", `t5-${suffix}`, `t4-${suffix}`],
  ],
};
const failedRun: ScriptedRun = {
  ...researchWriter(`rw-fail-${suffix}`, "staging", started + 60_000),
  activations: [
    { node: "planner", role: "llm", atMs: 0, durationMs: 300, llm: gpt(400, 100) },
    { node: "researcher", role: "llm", atMs: 320, durationMs: 800, llm: gpt(900, 200) },
    { node: "writer", role: "llm", atMs: 1150, durationMs: 150, error: "writer: context window exceeded" },
  ],
};
const triageRun: ScriptedRun = {
  runId: `triage-${suffix}`,
  workload: "Triage-Bot",
  version: "1.0.0",
  logicId: LOGIC_TRIAGE,
  deployment: "prod",
  startMs: started + 120_000,
  activations: [
    { node: "classify", role: "llm", atMs: 0, durationMs: 250, llm: gpt(200, 20) },
    { node: "route", role: "router", atMs: 260, durationMs: 30 },
  ],
};

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await sendSpans([...scriptedRunSpans(okRun), ...scriptedRunSpans(triageRun)], "grpc");
  await sendSpans(scriptedRunSpans(failedRun), "http");
  await sendLogs(await scriptedRunAudit(okRun), "http");
});

const rows = (page: Page) => page.getByTestId("run-row");
const node = (page: Page, id: string) => page.locator(`[data-testid="dag-node"][data-node-id="${id}"]`);

test("the runs list shows every run and filters it, with the filters in the URL", async ({ page }) => {
  await page.goto("/");
  for (const run of [okRun, failedRun, triageRun]) await expect(page.locator(`[data-run-id="${run.runId}"]`)).toBeVisible();
  const okRow = page.locator(`[data-run-id="${okRun.runId}"]`);
  await expect(okRow).toContainText("Research-Writer");
  await expect(okRow).toContainText("1f1f1f1f1f1f");
  await expect(okRow).toContainText("prod");
  await expect(okRow).toContainText("completed");
  await page.screenshot({ path: "e2e/artifacts/runs-page.png", fullPage: true });

  await page.getByTestId("filter-workload").selectOption("Research-Writer");
  await expect(page).toHaveURL(/workload=Research-Writer/);
  await expect(page.locator(`[data-run-id="${triageRun.runId}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-run-id="${okRun.runId}"]`)).toBeVisible();

  await page.getByTestId("filter-status").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.locator(`[data-run-id="${okRun.runId}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-run-id="${failedRun.runId}"]`)).toContainText("writer: context window exceeded");

  // A reload (or a shared link) keeps the filters.
  await page.reload();
  await expect(page.getByTestId("filter-status")).toHaveValue("failed");
  await expect(page.getByTestId("filter-workload")).toHaveValue("Research-Writer");
  await expect(rows(page)).toHaveCount(1);

  await page.getByTestId("filter-clear").click();
  await page.getByTestId("filter-deployment").selectOption("staging");
  await expect(page.locator(`[data-run-id="${failedRun.runId}"]`)).toBeVisible();
  await expect(page.locator(`[data-run-id="${okRun.runId}"]`)).toHaveCount(0);

  await page.getByTestId("filter-clear").click();
  await page.getByTestId("filter-search").fill(triageRun.runId);
  await page.getByTestId("filter-search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${triageRun.runId}`));
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute("data-run-id", triageRun.runId);
});

test("a run page draws every node with its figures, edge kinds and a legend, and the inspector opens on click", async ({ page }) => {
  await page.goto("/");
  await page.locator(`[data-run-id="${okRun.runId}"]`).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/runs/${okRun.runId}`));
  await expect(page.getByTestId("run-header")).toContainText("Research-Writer@0.1.0");
  await expect(page.getByTestId("run-tokens")).toContainText("5,200 in · 1,470 out");

  await expect(page.getByTestId("dag-node")).toHaveCount(5);
  for (const name of ["planner", "researcher", "critic", "writer"]) await expect(node(page, name)).toHaveAttribute("data-status", "completed");
  await expect(node(page, "fact_checker")).toHaveAttribute("data-status", "not_run");
  await expect(node(page, "researcher")).toContainText("×2");
  await expect(page.locator(".react-flow__edge.dag-edge-ledger")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge.dag-edge-definition")).toHaveCount(1);
  await expect(page.getByTestId("dag-legend")).toContainText("ledger");
  await page.screenshot({ path: "e2e/artifacts/run-page.png", fullPage: true });

  await node(page, "researcher").click();
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector).toBeVisible();
  await expect(page).toHaveURL(/node=researcher/);
  await expect(inspector.getByTestId("inspector-activation")).toHaveCount(2);
  await expect(inspector.getByTestId("inspector-input").first()).toContainText('"topic": "otel for agents"');
  await expect(inspector.getByTestId("inspector-spec")).toContainText("researcher(message: Dict[str, Any], *, runtime, context)");
  await page.screenshot({ path: "e2e/artifacts/run-inspector.png", fullPage: true });

  await page.getByTestId("run-tab-timeline").click();
  await expect(page.getByTestId("timeline-count")).toContainText("10 spans");
});

test("selecting a token in the ledger highlights its lineage in the DAG", async ({ page }) => {
  await page.goto(`/runs/${okRun.runId}?tab=ledger`);
  await expect(page.getByTestId("ledger-row")).toHaveCount(10);
  await page.getByTestId("ledger-token").filter({ hasText: `t3-${suffix}` }).first().click();
  await expect(page).toHaveURL(new RegExp(`token=t3-${suffix}`));
  for (const name of ["planner", "researcher", "critic"]) await expect(node(page, name)).toHaveAttribute("data-highlighted", "true");
  for (const name of ["writer", "fact_checker"]) await expect(node(page, name)).toHaveAttribute("data-highlighted", "false");

  await page.getByTestId("ledger-filter-node").selectOption("writer");
  await expect(page.getByTestId("ledger-row")).toHaveCount(2);
});

test("a failed run shows its error in the header, the graph and the inspector", async ({ page }) => {
  await page.goto(`/runs/${failedRun.runId}`);
  await expect(page.getByTestId("run-error")).toContainText("writer: context window exceeded");
  await expect(node(page, "writer")).toHaveAttribute("data-status", "failed");
  await expect(node(page, "critic")).toHaveAttribute("data-status", "not_run");
  await node(page, "writer").click();
  await expect(page.getByTestId("inspector-error")).toContainText("writer: context window exceeded");
  await expect(page.getByRole("link", { name: /Previous run of Research-Writer/ })).toHaveAttribute("href", `/runs/${okRun.runId}`);

  // workload@version leads to the version history with this logic id marked.
  await page.getByTestId("run-version-link").click();
  await expect(page.locator(`[data-testid="version-row"][data-logic-id="${LOGIC_RW}"]`)).toHaveAttribute("aria-current", "true");
});

test("a live run gains a node while its page is open", async ({ page }) => {
  const now = Date.now();
  const live: ScriptedRun = { runId: `live-${suffix}`, workload: "Live-Agent", version: "0.1.0", logicId: "3d".repeat(32), deployment: "local", startMs: now, activations: [] };
  await sendSpans(scriptedRunSpans({ ...live, activations: [{ node: "draft", role: "llm", atMs: 0, durationMs: 50, llm: gpt(100, 40) }] }));
  await page.goto(`/runs/${live.runId}`);
  await expect(page.getByTestId("run-page")).toHaveAttribute("data-run-status", "running");
  await expect(page.getByTestId("dag-node")).toHaveCount(1);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  await sendSpans(scriptedRunSpans({ ...live, activations: [{ node: "review", role: "review", atMs: 100, durationMs: 30 }] }), "http");
  await expect(node(page, "review")).toBeVisible();
  await expect(page.getByTestId("dag-node")).toHaveCount(2);
  await expect(page.getByTestId("run-nodes")).toHaveText("2");
  // Same document: updated in place, not reloaded.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test("a live run large enough to keep its graph shows how old the graph is while a new one is built", async ({ page }) => {
  test.setTimeout(90_000);
  const now = Date.now();
  const big: ScriptedRun = { runId: `live-big-${suffix}`, workload: "Live-Big", version: "0.1.0", logicId: "4e".repeat(32), deployment: "local", startMs: now, activations: [] };
  // MEMO_MIN_SPANS (5,000) spans: from there a run's graph is kept between reads (lib/runs/queries/run-dag-memo.ts).
  const steps = ["plan", "search", "draft"];
  await sendSpans(scriptedRunSpans({ ...big, activations: Array.from({ length: 5_000 }, (_, i) => ({ node: steps[i % 3]!, role: "step", atMs: i, durationMs: 1 })) }));
  await page.goto(`/runs/${big.runId}`);
  await expect(page.getByTestId("run-page")).toHaveAttribute("data-run-status", "running");
  await expect(page.getByTestId("dag-node")).toHaveCount(3);
  await expect(page.getByTestId("dag-as-of")).toHaveCount(0);

  await sendSpans(scriptedRunSpans({ ...big, activations: [{ node: "review", role: "review", atMs: 6_000, durationMs: 30 }] }), "http");
  // The live refresh gets the graph kept from the first read, under the run's current header...
  const asOf = page.getByTestId("dag-as-of");
  await expect(asOf).toBeVisible();
  await expect(asOf).toContainText(/^Graph as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC: the run has changed since/);
  await expect(page.getByTestId("run-nodes")).toHaveText("4");
  // ...and asks again until the new graph is built: the note goes and the new node is drawn.
  await expect(node(page, "review")).toBeVisible();
  await expect(asOf).toHaveCount(0);
  await expect(page.getByTestId("dag-node")).toHaveCount(4);
});

test("the runs API answers 404 and 400 with JSON errors and streams run events", async ({ page, request }) => {
  const missing = await request.get("/api/v1/runs/no-such-run");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
  const bad = await request.get("/api/v1/runs?status=done");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/^status: /);
  const list = await request.get(`/api/v1/runs?workload=Research-Writer&limit=1`);
  const body = await list.json();
  expect(body.runs).toHaveLength(1);
  expect(body.nextCursor).toEqual(expect.any(String));

  await page.goto("/");
  const first = await page.evaluate(
    (url) =>
      new Promise<string>((resolve, reject) => {
        const source = new EventSource(url);
        source.addEventListener("run", (event) => {
          source.close();
          resolve((event as MessageEvent<string>).data);
        });
        setTimeout(() => reject(new Error("no event within 5 s")), 5000);
      }),
    `/api/v1/runs/${okRun.runId}/events`,
  );
  expect(JSON.parse(first)).toMatchObject({ runId: okRun.runId, status: "completed" });
});

test("a 10,000-span generic trace opens: every span in a virtualized timeline, the graph cut to 500 span nodes", async ({ page }) => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "orchestrator" }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer("e2e");
  const start = Date.now() - 60_000;
  const root = tracer.startSpan("invoke_agent orchestrator", { startTime: start, attributes: { "gen_ai.operation.name": "invoke_agent" } });
  const rootContext = trace.setSpan(ROOT_CONTEXT, root);
  for (let step = 0; step < 99; step++) {
    const stepSpan = tracer.startSpan(`step ${step}`, { startTime: start + step * 100 }, rootContext);
    const stepContext = trace.setSpan(ROOT_CONTEXT, stepSpan);
    for (let call = 0; call < 100; call++) {
      tracer.startSpan(`chat ${step}.${call}`, { startTime: start + step * 100 + call, attributes: { "gen_ai.operation.name": "chat" } }, stepContext).end(start + step * 100 + call + 1);
    }
    stepSpan.end(start + step * 100 + 100);
  }
  root.end(start + 10_000);
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(10_000);
  for (let i = 0; i < spans.length; i += 2000) await sendSpans(spans.slice(i, i + 2000), "grpc");
  const traceId = root.spanContext().traceId;

  await page.goto(`/runs/${traceId}`);
  await expect(page.getByTestId("run-header")).toContainText("orchestrator");
  await expect(page.getByTestId("timeline-count")).toContainText("10,000 spans", { timeout: 20_000 });
  // Virtualized: a screenful of rows in the DOM, not ten thousand.
  expect(await page.getByTestId("timeline-row").count()).toBeLessThan(150);
  await expect(page.getByTestId("dag-omitted")).toContainText("9,500 nodes omitted");
  await page.getByTestId("timeline").evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(page.getByTestId("timeline-row").filter({ hasText: "chat 98.99" })).toBeVisible();
  expect(await page.getByTestId("timeline-row").count()).toBeLessThan(150);
});

test("run ids and node names with slashes, spaces, percent signs and accents survive links and the API", async ({ page }) => {
  const odd: ScriptedRun = {
    runId: `odd/run é %41 ${suffix}`,
    workload: "Odd Names/Agent",
    version: "0.1.0",
    logicId: "4c".repeat(32),
    deployment: "local",
    startMs: Date.now() - 5 * 60_000,
    activations: [{ node: "parse/json é", role: "tool", atMs: 0, durationMs: 20, input: '{"raw": "%41"}' }],
  };
  await sendSpans(scriptedRunSpans(odd), "http");
  await page.goto("/");
  await page.getByTestId("filter-search").fill(odd.runId);
  await page.getByTestId("filter-search").press("Enter");
  await page.locator(`[data-run-id="${odd.runId}"]`).getByRole("link").first().click();
  await expect(page.getByTestId("run-header")).toContainText("Odd Names/Agent@0.1.0");
  await node(page, "parse/json é").click();
  await expect(page.getByTestId("inspector-input")).toContainText('"raw": "%41"');
  await page.reload();
  await expect(page.getByTestId("node-inspector")).toHaveAttribute("data-node-id", "parse/json é");
  await page.getByTestId("run-version-link").click();
  await expect(page.locator(`[data-testid="version-row"][data-logic-id="${odd.logicId}"]`)).toHaveAttribute("aria-current", "true");
});
