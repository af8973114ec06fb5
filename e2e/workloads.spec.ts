import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { scriptedRunSpans, type ScriptedActivation, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendSpans } from "@/e2e/send";

// Three versions of one workload, sent through real OTel exporters: 0.1.0, then 0.2.0 with a
// new fact_checker node and a researcher on another model (faster), then a third logic id that
// reuses the version string 0.2.0.
const suffix = Date.now().toString(36);
const WORKLOAD = `Compare-Writer-${suffix}`;
const L1 = "a1".repeat(32);
const L2 = "b2".repeat(32);
const L3 = "c3".repeat(32);
const DAY_MS = 86_400_000;
const now = Date.now();
const gpt = (model: string) => ({ model, vendor: "openai", inputTokens: 1000, outputTokens: 200 });

function activations(version: 1 | 2, k: number, failWriter = false): ScriptedActivation[] {
  const researcherMs = version === 1 ? 1000 : 600;
  const list: ScriptedActivation[] = [
    { node: "planner", role: "llm", atMs: 0, durationMs: 300, llm: gpt("gpt-4o") },
    {
      node: "researcher",
      role: "llm",
      atMs: 320,
      durationMs: researcherMs,
      llm: gpt(version === 1 ? "gpt-4o" : "gpt-4o-mini"),
      input: JSON.stringify({ topic: "agent observability", depth: version === 1 ? "shallow" : "deep" }),
      output: JSON.stringify({ sources: version === 1 ? ["otel spec"] : ["otel spec", "codon docs"], run: k }),
    },
    { node: "writer", role: "llm", atMs: 340 + researcherMs, durationMs: 500, ...(failWriter ? { error: "writer: context window exceeded" } : {}) },
  ];
  if (version === 2) list.push({ node: "fact_checker", role: "review", atMs: 860 + researcherMs, durationMs: 200 });
  return list;
}

const graph = (version: 1 | 2): ScriptedRun["graph"] => ({
  nodes: [
    { name: "planner", role: "llm" },
    { name: "researcher", role: "llm" },
    { name: "writer", role: "llm" },
    ...(version === 2 ? [{ name: "fact_checker", role: "review" }] : []),
  ],
  edges: [["planner", "researcher"], ["researcher", "writer"], ...(version === 2 ? [["writer", "fact_checker"] as [string, string]] : [])],
});

const run = (logicId: string, version: string, shape: 1 | 2, k: number, daysAgo: number, failWriter = false): ScriptedRun => ({
  runId: `cw-${version}-${logicId.slice(0, 2)}-${k}-${suffix}`,
  workload: WORKLOAD,
  version,
  logicId,
  deployment: k % 2 === 0 ? "prod" : "staging",
  startMs: now - daysAgo * DAY_MS + k * 60_000,
  activations: activations(shape, k, failWriter),
  graph: graph(shape),
  ...(shape === 2 ? { nodespecIds: { researcher: "e5".repeat(32) } } : {}),
});

const v1Runs = [run(L1, "0.1.0", 1, 0, 6), run(L1, "0.1.0", 1, 1, 6), run(L1, "0.1.0", 1, 2, 5, true)];
const v2Runs = [run(L2, "0.2.0", 2, 0, 3), run(L2, "0.2.0", 2, 1, 3), run(L2, "0.2.0", 2, 2, 2)];
const v3Runs = [run(L3, "0.2.0", 2, 0, 1)];

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await sendSpans(v1Runs.flatMap(scriptedRunSpans), "grpc");
  await sendSpans([...v2Runs, ...v3Runs].flatMap(scriptedRunSpans), "http");
});

test("the workloads page lists the workload with its versions and figures", async ({ page }) => {
  await page.goto("/workloads?window=all");
  const row = page.locator(`[data-testid="workload-row"][data-workload="${WORKLOAD}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("workload-versions")).toHaveText("3");
  await expect(row.getByTestId("workload-runs")).toHaveText("7");
  await expect(row).toContainText("0.2.0");
  // 7 runs, 1 failed: 14.3%.
  await expect(row.getByTestId("workload-error-rate")).toHaveText("14.3%");
  await row.getByRole("link", { name: WORKLOAD }).click();
  await expect(page).toHaveURL(new RegExp(`/workloads/${WORKLOAD}`));
});

test("the version history shows every logic id, flags a reused version string and draws the trend", async ({ page }) => {
  await page.goto(`/workloads/${encodeURIComponent(WORKLOAD)}`);
  const rows = page.getByTestId("version-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-logic-id", L3);
  await expect(rows.nth(2)).toHaveAttribute("data-logic-id", L1);
  const v1 = page.locator(`[data-testid="version-row"][data-logic-id="${L1}"]`);
  await expect(v1).toContainText("0.1.0");
  await expect(v1).toContainText("33.3%"); // 1 of 3 runs failed
  await expect(v1).toContainText("prod");
  await expect(v1).toContainText("staging");
  await expect(page.locator(`[data-testid="version-row"][data-logic-id="${L3}"] [data-testid="version-reuse-flag"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="version-row"][data-logic-id="${L2}"] [data-testid="version-reuse-flag"]`)).toHaveCount(0);
  await expect(page.getByTestId("trend-chart")).toBeVisible();
  await expect(page.locator('[data-testid="trend-chart"] .recharts-surface').first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/workload-versions.png", fullPage: true });

  await page.locator(`[data-testid="version-row"][data-logic-id="${L2}"] [data-testid="compare-previous-link"]`).click();
  await expect(page).toHaveURL(new RegExp(`compare\\?a=${L1}&b=${L2}`));
  await expect(page.getByTestId("compare-summary")).toBeVisible();
});

test("comparing two versions shows the merged graph, per-node deltas and a summary", async ({ page }) => {
  await page.goto(`/workloads/${encodeURIComponent(WORKLOAD)}/compare?a=${L1}&b=${L2}`);
  // researcher 1000 → 600 ms; writer failed in 1 of 3 runs of a, none of b. Cost per run, from
  // list prices per 1M tokens (1,000 in, 200 out per LLM call): a = planner + researcher on
  // gpt-4o ($2.50 / $10) = 2 × $0.0045; b = planner on gpt-4o + researcher on gpt-4o-mini
  // ($0.15 / $0.60) = $0.0045 + $0.00027: −47%.
  await expect(page.getByTestId("compare-summary")).toHaveText(
    "+1 node (fact_checker) · 1 changed (researcher: model) · researcher p50 \u221240% · cost/run \u221247% · error rate 33.3% \u2192 0.0%",
  );
  const dagNode = (name: string) => page.locator(`[data-testid="diff-node"][data-name="${name}"]`);
  await expect(page.getByTestId("diff-node")).toHaveCount(4);
  await expect(dagNode("fact_checker")).toHaveAttribute("data-change", "added");
  await expect(dagNode("researcher")).toHaveAttribute("data-change", "changed");
  await expect(dagNode("planner")).toHaveAttribute("data-change", "unchanged");
  const researcher = page.locator('[data-testid="node-compare-row"][data-name="researcher"]');
  await expect(researcher).toContainText("model");
  await expect(researcher).toContainText("\u221240%");
  await expect(page.getByTestId("edge-changes")).toContainText("fact_checker");
  await page.screenshot({ path: "e2e/artifacts/version-compare.png", fullPage: true });

  const api = await page.request.get(`/api/v1/workloads/${encodeURIComponent(WORKLOAD)}/compare?a=${L1}&b=${L2}`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { nodes: { name: string; change: string; a: { p50Ms: number } | null; b: { p50Ms: number } | null }[]; edges: { source: string; target: string; change: string }[] };
  const apiResearcher = body.nodes.find((n) => n.name === "researcher")!;
  expect(apiResearcher.a!.p50Ms).toBe(1000);
  expect(apiResearcher.b!.p50Ms).toBe(600);
  expect(body.edges).toContainEqual({ source: "writer", target: "fact_checker", change: "added" });
});

test("comparing two runs aligns their nodes and diffs a node's input and output", async ({ page }) => {
  const [a, b] = [v1Runs[0]!, v2Runs[0]!];
  await page.goto(`/runs/compare?a=${encodeURIComponent(a.runId)}&b=${encodeURIComponent(b.runId)}`);
  const row = (name: string) => page.locator(`[data-testid="run-compare-row"][data-name="${name}"]`);
  await expect(page.getByTestId("run-compare-row")).toHaveCount(4);
  await expect(row("fact_checker")).toHaveAttribute("data-change", "added");
  await expect(row("researcher")).toHaveAttribute("data-change", "changed");
  await row("researcher").getByRole("button", { name: /researcher/ }).click();
  await expect(page).toHaveURL(/node=researcher/);
  const input = page.getByTestId("io-diff-input");
  await expect(input).toContainText("shallow");
  await expect(input).toContainText("deep");
  await expect(page.getByTestId("io-diff-output")).toContainText("codon docs");
  await page.screenshot({ path: "e2e/artifacts/run-compare.png", fullPage: true });
});

test("the workloads API validates its parameters", async ({ request }) => {
  const name = encodeURIComponent(WORKLOAD);
  const versions = await request.get(`/api/v1/workloads/${name}/versions`);
  expect(versions.status()).toBe(200);
  const list = (await versions.json()) as { versions: { logicId: string; runCount: number; nodes: unknown[]; reusesVersionOf: string | null }[] };
  expect(list.versions.map((v) => [v.logicId, v.runCount, v.nodes.length, v.reusesVersionOf])).toEqual([
    [L3, 1, 4, L2],
    [L2, 3, 4, null],
    [L1, 3, 3, null],
  ]);
  expect((await request.get(`/api/v1/workloads/${name}/compare?a=${L1}`)).status()).toBe(400);
  expect((await request.get(`/api/v1/workloads/${name}/compare?a=${L1}&b=xyz`)).status()).toBe(400);
  const unknown = await request.get(`/api/v1/workloads/${name}/compare?a=${L1}&b=${"0".repeat(64)}`);
  expect(unknown.status()).toBe(404);
  expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
  expect((await request.get("/api/v1/workloads/no-such-workload/versions")).status()).toBe(404);
  expect((await request.get(`/api/v1/workloads?from=yesterday`)).status()).toBe(400);
  expect((await request.get(`/api/v1/runs/compare?a=${v1Runs[0]!.runId}&b=missing-${suffix}`)).status()).toBe(404);
  const trend = (await (await request.get(`/api/v1/workloads/${name}/trend`)).json()) as { bucket: string; points: unknown[]; boundaries: unknown[] };
  expect(trend.bucket).toBe("day");
  expect(trend.points.length).toBeGreaterThanOrEqual(4);
  expect(trend.boundaries).toHaveLength(3);
});
