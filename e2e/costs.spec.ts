import fs from "node:fs";
import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { expect, test } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendSpans } from "@/e2e/send";

// One workload in two versions, sent through real OTel exporters (gRPC and HTTP/protobuf):
// each run's planner calls gpt-4o-mini (1,000 in / 200 out: $0.15 + $0.60 per 1M = $0.00027);
// version 1's writer calls Claude 3.5 Sonnet ($3 + $15 per 1M = $0.006), version 2's writer a
// model no price list knows, until the test gives it a price of $2 in / $8 out per 1M ($0.0036).
// Hand-computed: $0.00627 + $0.00627 + $0.00027 = $0.01281; with the new price $0.01641.
const suffix = Date.now().toString(36);
const WORKLOAD = `Cost-QA-${suffix}`;
const UNKNOWN_MODEL = `acme-llm-${suffix}`;
const DAY_MS = 86_400_000;
const now = Date.now();
const usage = (model: string, vendor: string) => ({ model, vendor, inputTokens: 1000, outputTokens: 200 });

const run = (key: string, logicId: string, version: string, writer: { model: string; vendor: string }, daysAgo: number, deployment: string): ScriptedRun => ({
  runId: `cost-${key}-${suffix}`,
  workload: WORKLOAD,
  version,
  logicId,
  deployment,
  startMs: now - daysAgo * DAY_MS,
  activations: [
    { node: "planner", role: "llm", atMs: 0, durationMs: 300, llm: usage("gpt-4o-mini-2024-07-18", "openai") },
    { node: "writer", role: "llm", atMs: 320, durationMs: 900, llm: usage(writer.model, writer.vendor) },
  ],
});

const claude = { model: "claude-3-5-sonnet-20241022", vendor: "anthropic" };
const runs = [
  run("a", "d1".repeat(32), "1.0.0", claude, 3, "prod"),
  run("b", "d1".repeat(32), "1.0.0", claude, 2, "staging"),
  run("c", "e2".repeat(32), "1.1.0", { model: UNKNOWN_MODEL, vendor: "acme" }, 1, "prod"),
];

/** A GenAI agent whose span repeats its two calls' usage: the DAG shows it as "Σ" over its children. */
function agentTrace(): { spans: ReadableSpan[]; traceId: string } {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": `cost-agent-${suffix}` }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer("genai");
  const call = { "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o-mini", "gen_ai.usage.input_tokens": 1000, "gen_ai.usage.output_tokens": 200 };
  const agent = tracer.startSpan("invoke_agent helper", {
    attributes: { ...call, "gen_ai.operation.name": "invoke_agent", "gen_ai.usage.input_tokens": 2000, "gen_ai.usage.output_tokens": 400 },
  });
  const parent = trace.setSpan(ROOT_CONTEXT, agent);
  tracer.startSpan("chat first", { attributes: { ...call, "gen_ai.operation.name": "chat" } }, parent).end();
  tracer.startSpan("chat second", { attributes: { ...call, "gen_ai.operation.name": "chat" } }, parent).end();
  agent.end();
  return { spans: exporter.getFinishedSpans(), traceId: agent.spanContext().traceId };
}
const agent = agentTrace();

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await sendSpans(runs.slice(0, 2).flatMap(scriptedRunSpans), "grpc");
  await sendSpans([...scriptedRunSpans(runs[2]!), ...agent.spans], "http");
});

const costsUrl = (extra = "") => `/costs?window=30d&workload=${encodeURIComponent(WORKLOAD)}${extra}`;

test("the costs page splits the workload's spend, lists its costliest runs and the unpriced model", async ({ page }) => {
  await page.goto(costsUrl());
  await expect(page.getByTestId("costs-total")).toContainText("$0.0128");
  await expect(page.getByTestId("costs-total")).toContainText("3 runs");
  await expect(page.getByTestId("spend-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("spend-series-row")).toHaveCount(1);
  await expect(page.getByTestId("spend-series-row").first()).toContainText(WORKLOAD);

  await page.getByTestId("spend-by-model").click();
  await expect(page).toHaveURL(/by=model/);
  const models = page.getByTestId("spend-series-row");
  await expect(models).toHaveCount(2);
  // Claude: 2 × $0.006; gpt-4o-mini: 3 × $0.00027 = $0.00081. The unknown model has no spend yet.
  await expect(models.nth(0)).toContainText("claude-3-5-sonnet-20241022");
  await expect(models.nth(0)).toContainText("$0.0120");
  await expect(models.nth(1)).toContainText("gpt-4o-mini-2024-07-18");
  await expect(models.nth(1)).toContainText("$0.0008");

  const top = page.getByTestId("top-run-row");
  await expect(top).toHaveCount(3);
  await expect(top.nth(0)).toContainText(`cost-a-${suffix}`.slice(0, 12));
  await expect(top.nth(0)).toContainText("$0.0063");
  await expect(top.nth(2)).toContainText("$0.0003");
  await expect(page.getByTestId("cost-per-run-chart")).toBeVisible();

  const unpriced = page.getByTestId("unpriced-row").filter({ hasText: UNKNOWN_MODEL });
  await expect(unpriced).toHaveCount(1);
  await expect(unpriced).toContainText("1,000");
  await page.screenshot({ path: "e2e/artifacts/costs.png", fullPage: true });
});

test("adding a price for an unpriced model recomputes stored costs in the background", async ({ page }) => {
  await page.goto(costsUrl());
  await page.getByTestId("unpriced-row").filter({ hasText: UNKNOWN_MODEL }).getByTestId("add-price-link").click();
  await expect(page).toHaveURL(/\/settings\/prices\?model=/);
  await expect(page.getByTestId("price-model")).toHaveValue(UNKNOWN_MODEL);
  await expect(page.getByTestId("price-provider")).toHaveValue("acme");
  await expect(page.getByTestId("price-input")).toBeFocused();

  // A price the form refuses, then the real one; the effective date is a week back, before the run.
  await page.getByTestId("price-input").fill("-1");
  await page.getByTestId("price-output").fill("8");
  await page.getByTestId("price-submit").click();
  await expect(page.getByTestId("price-input-error")).toBeVisible();
  await page.getByTestId("price-input").fill("2");
  await page.getByTestId("price-effective-from").fill(new Date(now - 7 * DAY_MS).toISOString().slice(0, 10));
  await page.getByTestId("price-submit").click();

  const row = page.getByTestId("price-row").filter({ hasText: UNKNOWN_MODEL });
  await expect(row).toHaveCount(1);
  const job = page.getByTestId("reprice-job").filter({ hasText: UNKNOWN_MODEL }).first();
  await expect(job).toHaveAttribute("data-status", "completed", { timeout: 20_000 });
  // The node span and its agent.llm call changed; the run counts the usage once.
  await expect(job.getByTestId("reprice-changed")).toHaveText("2 costs changed");
  await page.screenshot({ path: "e2e/artifacts/prices.png", fullPage: true });

  await page.goto(costsUrl("&by=model"));
  await expect(page.getByTestId("costs-total")).toContainText("$0.0164");
  await expect(page.getByTestId("spend-series-row").filter({ hasText: UNKNOWN_MODEL })).toContainText("$0.0036");
  await expect(page.getByTestId("unpriced-row").filter({ hasText: UNKNOWN_MODEL })).toHaveCount(0);
});

test("a node shows what its children spent as well as its own cost", async ({ page }) => {
  await page.goto(`/runs/${agent.traceId}`);
  const agentNode = page.getByTestId("dag-node").filter({ hasText: "invoke_agent helper" });
  // Two calls of $0.00027; the agent's own span repeats them and is not counted again.
  await expect(agentNode.getByTestId("dag-node-cost")).toHaveText("Σ $0.0005");
  await agentNode.click();
  await expect(page.getByTestId("inspector-cost-total")).toContainText("$0.0005");
  await expect(page.getByTestId("inspector-cost-self")).toHaveText("—");
});

test("the prices and costs API validate their input", async ({ request }) => {
  const bad = await request.post("/api/v1/prices", { data: { model: "gpt-4o", effectiveFrom: "2026-01-01", inputUsdPerMtok: -1, outputUsdPerMtok: 1 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "invalid_body", message: expect.stringContaining("inputUsdPerMtok") });
  const notJson = await request.post("/api/v1/prices", { data: "{", headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  const huge = await request.post("/api/v1/prices", { data: { model: "x".repeat(20_000) } });
  expect(huge.status()).toBe(413);
  expect((await request.delete("/api/v1/prices/999999999")).status()).toBe(404);
  expect((await request.get("/api/v1/prices/jobs/abc")).status()).toBe(404);
  const by = await request.get("/api/v1/costs/spend?by=colour");
  expect(by.status()).toBe(400);
  expect((await by.json()).error.message).toContain("by");
  const spend = await request.get(`/api/v1/costs/spend?by=deployment&bucket=week&from=30d&workload=${encodeURIComponent(WORKLOAD)}`);
  expect(spend.status()).toBe(200);
  const body = await spend.json();
  expect(body.series.map((s: { key: string }) => s.key).sort()).toEqual(["prod", "staging"]);
});
