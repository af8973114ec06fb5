import { expect, test } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendSpans } from "@/e2e/send";

// Issue 19: the node inspector lists a node's first 500 activations, by start, and says so when
// the node has more (the timeline and the spans tab have every one).

const suffix = Date.now().toString(36);
const POLLS = 520;
const run: ScriptedRun = {
  runId: `many-polls-${suffix}`,
  workload: "Poll-Agent",
  version: "1.0.0",
  logicId: "5e".repeat(32),
  deployment: "prod",
  startMs: Date.now() - 10 * 60_000,
  activations: [
    ...Array.from({ length: POLLS }, (_, i) => ({ node: "poll", role: "tool", atMs: i * 20, durationMs: 10 })),
    { node: "answer", role: "llm", atMs: POLLS * 20, durationMs: 100 },
  ],
};

test.beforeAll(async () => {
  await sendSpans(scriptedRunSpans(run), "grpc");
});

test("the inspector of a node activated more than 500 times lists the first 500 and says so", async ({ page }) => {
  await page.goto(`/runs/${run.runId}`);
  const poll = page.getByRole("button", { name: /^poll \(tool\)/ });
  await poll.focus();
  await page.keyboard.press("Enter");
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector.getByTestId("inspector-activation")).toHaveCount(500);
  await expect(inspector.getByTestId("inspector-activations-cut")).toContainText(`The first 500 of ${POLLS}, by start`);
  await expect(inspector.getByTestId("inspector-call-usage-cut")).toHaveCount(0);

  // A node of fewer activations says nothing of a cut.
  await page.getByRole("button", { name: /^answer \(llm\)/ }).click();
  await expect(inspector.getByTestId("inspector-activation")).toHaveCount(1);
  await expect(inspector.getByTestId("inspector-activations-cut")).toHaveCount(0);
});
