import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { E2E_PORTS } from "@/e2e/ports";
import { sendSpans } from "@/e2e/send";

// Two versions of one workload, three runs each, with an automatic `answer_quality` posted through
// the API (0.6–0.7 on a, 0.8–0.9 on b); then feedback given in the browser on a run and on a node,
// seen at once in the run's scores, then in the versions table and on the compare page.
const suffix = Date.now().toString(36);
const WORKLOAD = `Scored-Writer-${suffix}`;
const L1 = "d4".repeat(32);
const L2 = "e5".repeat(32);
const API = `http://127.0.0.1:${E2E_PORTS.web}/api/v1`;

const run = (logicId: string, version: string, k: number): ScriptedRun => ({
  runId: `scored-${version}-${k}-${suffix}`,
  workload: WORKLOAD,
  version,
  logicId,
  deployment: "prod",
  startMs: Date.now() - 30 * 60_000 + (version === "1.0.0" ? 0 : 10 * 60_000) + k * 60_000,
  activations: [
    { node: "planner", role: "llm", atMs: 0, durationMs: 200 },
    { node: "writer", role: "llm", atMs: 220, durationMs: 400, output: JSON.stringify({ draft: `draft ${k}` }) },
  ],
  graph: { nodes: [{ name: "planner", role: "llm" }, { name: "writer", role: "llm" }], edges: [["planner", "writer"]] },
});

const v1Runs = [0, 1, 2].map((k) => run(L1, "1.0.0", k));
const v2Runs = [0, 1, 2].map((k) => run(L2, "2.0.0", k));
const QUALITY = { "1.0.0": [0.6, 0.65, 0.7], "2.0.0": [0.8, 0.85, 0.9] } as const;
const scored = v2Runs[1]!;

async function postScore(runId: string, body: unknown): Promise<void> {
  const response = await fetch(`${API}/runs/${encodeURIComponent(runId)}/scores`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST scores for ${runId}: ${response.status} ${await response.text()}`);
}

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await sendSpans([...v1Runs, ...v2Runs].flatMap(scriptedRunSpans), "grpc");
  for (const r of [...v1Runs, ...v2Runs]) {
    const k = Number(r.runId.split("-")[2]);
    await postScore(r.runId, { name: "answer_quality", value: QUALITY[r.version as keyof typeof QUALITY][k]!, id: `aq-${r.runId}` });
  }
});

const scoreRow = (page: Page, name: string) => page.locator(`[data-testid="score-row"][data-name="${name}"]`);
/** Picks a choice of the feedback form by its visible text (the radio itself is visually hidden). */
const pick = (page: Page, testId: string) => page.getByTestId("feedback-form").locator("label", { has: page.getByTestId(testId) }).click();

test("feedback given on a run and on a node shows in the run's scores at once", async ({ page }) => {
  await page.goto(`/runs/${encodeURIComponent(scored.runId)}`);
  await page.getByTestId("run-tab-scores").click();
  await expect(page).toHaveURL(/tab=scores/);
  // The automatic score, posted with no browser behind it: source api.
  await expect(scoreRow(page, "answer_quality")).toHaveAttribute("data-source", "api");
  await expect(scoreRow(page, "answer_quality").getByTestId("score-value")).toHaveText("0.85");
  await expect(scoreRow(page, "answer_quality").getByTestId("score-target")).toHaveText("whole run");

  // Thumbs down with a comment, on the whole run.
  const form = page.getByTestId("feedback-form");
  await expect(form.getByTestId("feedback-target-run")).toBeChecked();
  await form.getByRole("button", { name: "Send feedback" }).click();
  await expect(form.getByTestId("feedback-error")).toHaveText("Choose thumbs up, thumbs down or a rating from 1 to 5.");
  await pick(page, "feedback-down");
  await expect(form.getByRole("radio", { name: "Thumbs down" })).toBeChecked();
  await form.getByLabel("Comment (optional)").fill("Cites the wrong release date.");
  await form.getByRole("button", { name: "Send feedback" }).click();
  await expect(form.getByTestId("feedback-done")).toHaveText("Feedback on the run recorded.");
  const thumbs = scoreRow(page, "user_feedback");
  await expect(thumbs).toHaveCount(1);
  await expect(thumbs).toHaveAttribute("data-source", "ui");
  await expect(thumbs.getByTestId("score-value")).toHaveText(/fail/);
  await expect(thumbs.getByTestId("score-comment")).toHaveText("Cites the wrong release date.");
  await expect(thumbs.getByTestId("score-target")).toHaveText("whole run");
  // The newest first, and the form is ready for the next one.
  await expect(page.getByTestId("score-row").first()).toHaveAttribute("data-name", "user_feedback");
  await expect(form.getByLabel("Comment (optional)")).toHaveValue("");

  // A 2 of 5 on the writer node, from the inspector's "Give feedback".
  await page.locator('[data-testid="dag-node"][data-node-id="writer"]').click();
  const inspector = page.getByTestId("node-inspector");
  await inspector.getByRole("button", { name: "Give feedback on this activation" }).click();
  await expect(page).toHaveURL(/node=writer/);
  await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  await expect(form.getByTestId("feedback-target-node")).toBeChecked();
  await expect(form).toContainText("node writer");
  await pick(page, "feedback-rating-2");
  await expect(form.getByRole("radio", { name: "2 out of 5" })).toBeChecked();
  await form.getByRole("button", { name: "Send feedback" }).click();
  await expect(form.getByTestId("feedback-done")).toHaveText("Feedback on writer recorded.");
  const rating = scoreRow(page, "user_rating");
  await expect(rating.getByTestId("score-value")).toHaveText("2");
  await expect(rating.getByTestId("score-target")).toHaveText("writer");
  await expect(rating).toHaveAttribute("data-node", "writer");
  await page.screenshot({ path: "e2e/artifacts/run-scores.png", fullPage: true });

  // The API agrees: the rating is on the writer's activation, the thumbs on the run.
  const listed = (await (await page.request.get(`/api/v1/runs/${encodeURIComponent(scored.runId)}/scores`)).json()) as {
    scores: { name: string; nodeName: string | null; spanId: string | null; value: number | null; comment: string | null; source: string }[];
  };
  const spanInUrl = new URL(page.url()).searchParams.get("span");
  expect(listed.scores.find((s) => s.name === "user_rating")).toMatchObject({ nodeName: "writer", spanId: spanInUrl, value: 2, source: "ui" });
  expect(listed.scores.find((s) => s.name === "user_feedback")).toMatchObject({ nodeName: null, value: 0, comment: "Cites the wrong release date.", source: "ui" });

  // A thumbs up given by mistake, deleted (after a confirmation).
  await form.getByTestId("feedback-target-run").check();
  await pick(page, "feedback-up");
  await form.getByRole("button", { name: "Send feedback" }).click();
  await expect(scoreRow(page, "user_feedback")).toHaveCount(2);
  const mistake = page.locator('[data-testid="score-row"][data-name="user_feedback"]', { has: page.locator('[data-testid="score-value"][data-pass="true"]') });
  page.once("dialog", (dialog) => void dialog.accept());
  await mistake.getByRole("button", { name: "Delete the score user_feedback" }).click();
  await expect(mistake).toHaveCount(0);
  await expect(scoreRow(page, "user_feedback")).toHaveCount(1);
});

test("the versions table and the version compare page show the scores", async ({ page }) => {
  await page.goto(`/workloads/${encodeURIComponent(WORKLOAD)}`);
  const v2 = page.locator(`[data-testid="version-row"][data-logic-id="${L2}"]`);
  await expect(v2.locator('[data-testid="version-score"][data-name="answer_quality"]')).toHaveText("answer_quality 0.85 (n=3)");
  await expect(v2.locator('[data-testid="version-score"][data-name="user_feedback"]')).toHaveText("user_feedback 0% pass (n=1)");
  await expect(v2.locator('[data-testid="version-score"][data-name="user_rating"]')).toHaveText("user_rating 2 (n=1)");
  const v1 = page.locator(`[data-testid="version-row"][data-logic-id="${L1}"]`);
  await expect(v1.locator('[data-testid="version-score"][data-name="answer_quality"]')).toHaveText("answer_quality 0.65 (n=3)");
  await expect(v1.locator('[data-testid="version-score"][data-name="user_feedback"]')).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/workload-version-scores.png", fullPage: true });

  await page.goto(`/workloads/${encodeURIComponent(WORKLOAD)}/compare?a=${L1}&b=${L2}`);
  const quality = page.locator('[data-testid="score-compare-row"][data-name="answer_quality"]');
  await expect(quality.getByTestId("score-side-a")).toHaveText("0.65");
  await expect(quality.getByTestId("score-side-b")).toHaveText("0.85");
  await expect(quality.getByTestId("score-delta")).toHaveText("+0.2");
  await expect(quality.getByTestId("score-delta")).toHaveAttribute("data-tone", "better");
  await expect(quality.getByTestId("score-distribution").locator("svg")).toBeVisible();
  const feedback = page.locator('[data-testid="score-compare-row"][data-name="user_feedback"]');
  await expect(feedback.getByTestId("score-side-a")).toHaveText("—");
  await expect(feedback.getByTestId("score-side-b")).toHaveText("0% pass");
  await expect(page.getByTestId("compare-figures")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/version-compare-scores.png", fullPage: true });
});
