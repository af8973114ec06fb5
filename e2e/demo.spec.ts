import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { E2E_PORTS } from "@/e2e/ports";

// `npm run demo` against the e2e server, then every page with the demo's data. Runs last (its
// own project), so the counts the other specs check are not disturbed.
const run = promisify(execFile);
let demoOutput = "";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/demo-${name}.png`, fullPage: true });

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  const env = {
    ...process.env,
    OTLP_GRPC_PORT: String(E2E_PORTS.grpc),
    OTLP_HTTP_PORT: String(E2E_PORTS.http),
    PORT: String(E2E_PORTS.web),
    OTEL_EXPORTER_OTLP_ENDPOINT: "",
    CODON_API_KEY: "",
  };
  const { stdout } = await run(process.execPath, ["--import", "tsx", "demo/main.ts"], { env, timeout: 120_000 });
  demoOutput = stdout;
});

test("npm run demo reports what it sent and where to look", () => {
  expect(demoOutput).toMatch(/\d+ runs \(\d+ failed, on purpose: a flaky tool\)/);
  expect(demoOutput).toMatch(/gRPC: [1-9]\d* spans, [1-9]\d* log records\. HTTP\/protobuf: [1-9]\d* spans, [1-9]\d* log records\./);
  expect(demoOutput).toMatch(/Log records are the audit ledger plus [1-9]\d* answer_quality scores/);
  for (const workload of ["QA-Agent", "Research Writer", "Draft Reviewer", "Support Agent"]) expect(demoOutput).toContain(workload);
  expect(demoOutput).toContain(`http://localhost:${E2E_PORTS.web}/`);
});

test("runs list and a run with a review loop", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("run-row").first()).toBeVisible();
  expect(await page.getByTestId("run-row").count()).toBeGreaterThanOrEqual(20);
  await shot(page, "runs");

  const runUrl = /A run with a review loop: (\S+)/.exec(demoOutput)?.[1];
  expect(runUrl).toBeTruthy();
  await page.goto(new URL(runUrl!).pathname);
  await expect(page.getByTestId("run-header")).toContainText("Draft Reviewer");
  await expect(page.locator('[data-testid="dag-node"]', { hasText: "draft" }).first()).toBeVisible();
  await expect(page.locator('[data-testid="dag-node"]', { hasText: "review" }).first()).toBeVisible();
  expect(await page.locator('[data-testid="dag-edge"][data-kind="ledger"]').count()).toBeGreaterThanOrEqual(2);
  await shot(page, "run");
  await page.getByTestId("run-tab-ledger").click();
  await expect(page.locator('[data-testid="ledger-row"][data-event-type="review_verdict"]').first()).toBeVisible();
  await shot(page, "run-ledger");
});

test("workloads, a workload's versions and a version comparison", async ({ page }) => {
  await page.goto("/workloads?window=all");
  const versions = { "QA-Agent": "3", "Research Writer": "2", "Draft Reviewer": "2", "Support Agent": "2" };
  for (const [workload, count] of Object.entries(versions)) {
    await expect(page.locator(`[data-testid="workload-row"][data-workload="${workload}"]`).getByTestId("workload-versions")).toHaveText(count);
  }
  await shot(page, "workloads");

  await page.goto("/workloads/QA-Agent?window=all");
  await expect(page.getByTestId("version-row")).toHaveCount(3);
  await expect(page.getByTestId("version-reuse-flag").first()).toBeVisible();
  await expect(page.getByTestId("trend-chart")).toBeVisible();
  // Anomalies are listed under the chart, or the list says why there are none.
  await expect(page.getByTestId("anomaly-list")).toBeVisible();
  await expect(page.getByTestId("anomaly-row").or(page.getByTestId("anomalies-empty")).first()).toBeVisible();
  await shot(page, "workload");

  await page.goto("/workloads/QA-Agent/compare");
  // 0.1.0 (the test-vector logic id) against the first 0.2.0, which added retrieval.
  await page.getByLabel("Baseline (a)").selectOption({ index: 0 });
  await page.getByLabel("Candidate (b)").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("diff-dag")).toBeVisible();
  await expect(page.locator('[data-testid="diff-node"]', { hasText: "retrieve" })).toBeVisible();
  await expect(page.getByTestId("node-compare-row").first()).toBeVisible();
  await shot(page, "version-compare");
});

test("the model switch's version is flagged as a cost regression, with its evidence on the comparison", async ({ page }) => {
  await page.goto("/workloads/QA-Agent?window=all");
  // The 0.2.0 that switched to Claude 3.5 Haiku: the logic id that reused the version string.
  // (Not simply the first row: other specs sent QA-Agent 0.1.0 runs just now.) Verdicts are computed in the background.
  const badge = page.locator('[data-testid="version-row"]', { has: page.getByTestId("version-reuse-flag") }).getByTestId("verdict-badge");
  await expect(async () => {
    await page.reload();
    await expect(badge).toHaveAttribute("data-status", "regressed", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(badge).toContainText(/regressed: cost \+\d+% \[\+\d+%, \+\d+%\]/);
  // Staging's few runs are too few for a verdict; the badge names prod, where it has them.
  await expect(badge).toContainText("prod");
  await shot(page, "workload-verdicts");

  await badge.click();
  await expect(page).toHaveURL(/\/workloads\/QA-Agent\/compare\?a=[0-9a-f]{64}&b=[0-9a-f]{64}/);
  const prod = page.locator('[data-testid="verdict-deployment"][data-deployment="prod"]');
  await expect(prod).toHaveAttribute("data-status", "regressed");
  await expect(prod.locator('[data-testid="verdict-comparison"][data-metric="cost"]')).toHaveAttribute("data-call", "regressed");
  await expect(prod.locator('[data-testid="verdict-comparison"][data-metric="cost"]')).toContainText("mann-whitney");
  await expect(prod.getByTestId("verdict-distribution").first()).toBeVisible();
  await expect(page.locator('[data-testid="verdict-deployment"][data-deployment="staging"]')).toContainText("too few runs");

  const logicId = new URL(page.url()).searchParams.get("b")!;
  await expect(prod.getByTestId("verdict-runs-b")).toHaveAttribute("href", `/?workload=QA-Agent&logicId=${logicId}&deployment=prod`);
  const response = await page.request.get(`/api/v1/workloads/QA-Agent/versions/${logicId}/verdict`);
  const body = (await response.json()) as { verdicts: { deployment: string; status: string; comparisons: { metric: string; change: { estimate: number; low: number } }[] }[] };
  const cost = body.verdicts.find((v) => v.deployment === "prod")!.comparisons.find((c) => c.metric === "cost")!;
  expect(cost.change.low).toBeGreaterThan(0.5);
  await shot(page, "verdict-evidence");
});

test("two runs side by side", async ({ page }) => {
  const response = await page.request.get(`/api/v1/runs?workload=${encodeURIComponent("Draft Reviewer")}&limit=2`);
  expect(response.ok()).toBe(true);
  const { runs } = (await response.json()) as { runs: { runId: string }[] };
  expect(runs).toHaveLength(2);
  await page.goto(`/runs/compare?a=${runs[1]!.runId}&b=${runs[0]!.runId}`);
  await expect(page.getByTestId("run-compare-row").first()).toBeVisible();
  await shot(page, "run-compare");
});

test("costs, prices and connect", async ({ page }) => {
  await page.goto("/costs?window=30d");
  await expect(page.getByTestId("costs-total")).toContainText("$");
  await expect(page.getByTestId("spend-chart")).toBeVisible();
  expect(await page.getByTestId("spend-series-row").count()).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId("top-run-row").first()).toBeVisible();
  await expect(page.locator('[data-testid="unpriced-row"]', { hasText: "llama-3.1-8b-instruct" })).toBeVisible();
  await shot(page, "costs");

  await page.goto("/settings/prices");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shot(page, "prices");

  await page.goto("/connect");
  await expect(page.locator('a[href^="/runs/"]').first()).toBeVisible();
  await shot(page, "connect");
});
