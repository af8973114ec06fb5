import { expect, test } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendSpans } from "@/e2e/send";

// Issue 21: a node that failed twice and then succeeded. The run is completed and flagged
// retried in the list; its DAG shows the node once, with its attempts; the inspector lists them.

const suffix = Date.now().toString(36);
const run: ScriptedRun = {
  runId: `retried-${suffix}`,
  workload: "Retry-Agent",
  version: "1.0.0",
  logicId: "4d".repeat(32),
  deployment: "prod",
  startMs: Date.now() - 10 * 60_000,
  activations: [
    { node: "plan", role: "planner", atMs: 0, durationMs: 100 },
    { node: "fetch", role: "tool", atMs: 200, durationMs: 100, error: "upstream 503" },
    { node: "fetch", role: "tool", atMs: 400, durationMs: 100, error: "upstream timeout" },
    { node: "fetch", role: "tool", atMs: 700, durationMs: 100 },
    { node: "answer", role: "llm", atMs: 900, durationMs: 100 },
  ],
};

test.beforeAll(async () => {
  await sendSpans(scriptedRunSpans(run), "grpc");
});

test("a retried run is completed and flagged, its node shows its attempts and the inspector lists them with their errors", async ({ page }) => {
  await page.goto(`/?workload=${encodeURIComponent(run.workload)}`);
  const row = page.locator(`[data-testid="run-row"][data-run-id="${run.runId}"]`);
  await expect(row).toHaveAttribute("data-status", "completed");
  await expect(row.getByTestId("retried-badge")).toBeVisible();

  await page.goto(`/runs/${run.runId}`);
  await expect(page.getByTestId("retried-badge")).toBeVisible();
  const fetch = page.getByRole("button", { name: /^fetch \(tool\)/ });
  await expect(fetch).toHaveAttribute("aria-label", /3 attempts, 2 failed/);
  await expect(fetch.getByTestId("dag-node-attempts")).toHaveText("3 attempts, 2 failed");
  await fetch.focus();
  await page.keyboard.press("Enter");
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector).toContainText("3 attempts, 2 failed");
  await expect(inspector.getByRole("heading", { name: "Attempts" })).toBeVisible();
  const attempts = inspector.getByTestId("inspector-activation");
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(0)).toContainText("Attempt 1");
  await expect(attempts.nth(0).getByTestId("inspector-error")).toHaveText("upstream 503");
  await attempts.nth(1).getByText("Attempt 2").click();
  await expect(attempts.nth(1).getByTestId("inspector-error")).toHaveText("upstream timeout");
  await expect(attempts.nth(2)).toContainText("ok");
});
