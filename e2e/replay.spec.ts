import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { scriptedRunSpans } from "@/collector/testing/workflow-run";
import { executeRun } from "@/demo/run-demo";
import { uuidFrom } from "@/demo/seeded";
import { draftReviewer } from "@/demo/workloads/draft-reviewer";
import { E2E_PORTS } from "@/e2e/ports";
import { sendSpans, untilStored } from "@/e2e/send";
import type { LedgerEvent } from "@/lib/runs/types";
import { startCodonTelemetry } from "@/sdk/otel";

// One run of the demo's Draft Reviewer (draft ⇄ review until the reviewer approves), sent through the
// SDK as `npm run demo` sends it, then replayed in the browser. Version 0.2.0's first review never
// passes (its bar is 8.5, a first draft scores at most 8.1), so the loop always goes round at least twice.
const suffix = Date.now().toString(36);
const seed = `replay-e2e/${suffix}`;
const runId = uuidFrom(seed);
const bare = { runId: `replay-bare-${suffix}`, workload: `Replay-Bare-${suffix}`, version: "0.1.0", logicId: "7e".repeat(32), deployment: "local" };
let events: LedgerEvent[] = [];

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${E2E_PORTS.grpc}`, serviceName: draftReviewer.serviceName, orgNamespace: "acme" });
  const version = draftReviewer.versions[1]!;
  const scheduled = { workload: draftReviewer, version, versionIndex: 1, deploymentId: "replay-e2e", runId, startMs: Date.now() - 60 * 60_000, seed, index: 0 };
  try {
    await executeRun(scheduled, telemetry);
  } finally {
    await telemetry.shutdown();
  }
  // A run with spans and no audit ledger: Replay has nothing to show.
  await sendSpans(scriptedRunSpans({ ...bare, startMs: Date.now() - 30 * 60_000, activations: [{ node: "solo", role: "llm", atMs: 0, durationMs: 40 }] }));
  await untilStored();
  const response = await fetch(`http://127.0.0.1:${E2E_PORTS.web}/api/v1/runs/${runId}/ledger?limit=1000`);
  events = ((await response.json()) as { events: LedgerEvent[] }).events;
});

const node = (page: Page, name: string) => page.locator(`[data-testid="dag-node"][data-node-id="${name}"]`);
const panel = (page: Page) => page.getByTestId("replay-panel");
const overlay = (page: Page) => page.getByTestId("replay-overlay");
const queue = (page: Page, name: string) => page.locator(`[data-testid="replay-queue"][data-node="${name}"]`);
/** Steps (1-based) whose event is a token enqueued from `source` to `target`. */
const enqueueSteps = (source: string, target: string) =>
  events.flatMap((e, i) => (e.eventType === "token_enqueued" && e.sourceNode === source && e.targetNode === target ? [i + 1] : []));
const atStep = async (page: Page, step: number) => {
  await expect(panel(page)).toHaveAttribute("data-step", String(step));
  await expect(page.getByTestId("replay-position")).toHaveText(`Step ${step} of ${events.length}`);
};
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test("stepping through a review loop shows its tokens going round twice", async ({ page }) => {
  const forward = enqueueSteps("draft", "review");
  const back = enqueueSteps("review", "draft");
  expect(forward.length).toBeGreaterThanOrEqual(2);
  expect(back.length).toBeGreaterThanOrEqual(1);
  // draft → review, back to draft, draft → review again.
  expect(back[0]!).toBeGreaterThan(forward[0]!);
  expect(forward[1]!).toBeGreaterThan(back[0]!);

  await page.goto(`/runs/${runId}`);
  await expect(node(page, "draft")).toBeVisible();
  const historyLength = await page.evaluate(() => history.length);
  await page.getByTestId("replay-open").click();
  await expect(page).toHaveURL(/[?&]replay=1(&|$)/);
  await atStep(page, 1);
  await expect(page.getByTestId("run-dag").locator("[data-highlight-active]")).toHaveAttribute("data-highlight-active", "true");
  // The entry token goes to draft: no edge to travel yet.
  await expect(overlay(page)).toHaveAttribute("data-node", "draft");
  await expect(node(page, "draft")).toHaveAttribute("data-replay-active", "true");

  const traversed: number[] = [];
  const returned: number[] = [];
  for (let step = 1; step <= events.length; step++) {
    if (step > 1) await page.getByRole("button", { name: "Step forward" }).click();
    await atStep(page, step);
    const event = events[step - 1]!;
    await expect(page.getByTestId("replay-event")).toHaveAttribute("data-event-id", event.id);
    await expect(page.getByTestId("replay-event-type")).toHaveText(event.eventType);
    const edge = await overlay(page).getAttribute("data-edge");
    const phase = await overlay(page).getAttribute("data-phase");
    if (phase === "enqueue" && edge === "draft->review") traversed.push(step);
    if (phase === "enqueue" && edge === "review->draft") returned.push(step);
    if (phase !== "enqueue" || edge !== "draft->review") continue;

    // The token travels draft → review: review is active, both ends lit, the token waits in review's queue.
    await expect(overlay(page).getByTestId("replay-token")).toHaveAttribute("data-travelling", "true");
    await expect(node(page, "review")).toHaveAttribute("data-replay-active", "true");
    await expect(node(page, "review")).toHaveAttribute("data-highlighted", "true");
    await expect(node(page, "draft")).toHaveAttribute("data-highlighted", "true");
    await expect(page.getByTestId("replay-token-id")).toHaveText(event.tokenId!);
    await expect(page.getByTestId("replay-parent-id")).toHaveText(event.parentTokenId!);
    await expect(page.getByTestId("replay-route")).toHaveText("draft → review");
    await expect(page.getByTestId("replay-lineage")).toContainText("draft");
    await expect(page.getByTestId("replay-payload")).toContainText('"round"');
    await expect(queue(page, "review")).toHaveAttribute("data-size", "1");
    await expect(queue(page, "review").getByTestId("replay-queue-token")).toHaveAttribute("data-token-id", event.tokenId!);
    if (traversed.length === 2) await page.screenshot({ path: "e2e/artifacts/replay-second-round.png", fullPage: true });
  }
  expect(traversed).toEqual(forward);
  expect(returned).toEqual(back);
  // The second trip's token descends from the first through review's reply: its lineage went round.
  const second = events[forward[1]! - 1]!;
  expect(second.lineage.filter((name) => name === "draft").length).toBeGreaterThanOrEqual(2);

  // Stepping rewrote the URL in place: no history entry per step.
  await expect(page).toHaveURL(new RegExp(`[?&]replay=${events.length}(&|$)`));
  expect(await page.evaluate(() => history.length)).toBe(historyLength);

  // Leaving Replay restores the normal view.
  await page.getByTestId("replay-exit").click();
  await expect(page).not.toHaveURL(/replay=/);
  await expect(page.getByTestId("replay-controls")).toHaveCount(0);
  await expect(overlay(page)).toHaveCount(0);
  await expect(page.locator("[data-replay-active]")).toHaveCount(0);
  await expect(page.getByTestId("run-dag").locator("[data-highlight-active]")).toHaveAttribute("data-highlight-active", "false");
  await expect(page.getByTestId("replay-open")).toBeVisible();
});

test("Space plays and pauses, arrows step, Home and End jump", async ({ page }) => {
  await page.goto(`/runs/${runId}?replay=3`);
  await atStep(page, 3);
  await blur(page);
  await page.keyboard.press("ArrowRight");
  await atStep(page, 4);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await atStep(page, 2);
  await page.keyboard.press("End");
  await atStep(page, events.length);
  await page.keyboard.press("Home");
  await atStep(page, 1);
  await expect(page.getByRole("button", { name: "Jump to start" })).toBeDisabled();

  // The arrows step from the scrubber too, once each.
  await page.getByRole("slider", { name: "Replay position" }).focus();
  await page.keyboard.press("ArrowRight");
  await atStep(page, 2);

  await page.getByLabel("Playback speed").selectOption("5");
  await blur(page);
  const controls = page.getByTestId("replay-controls");
  await page.keyboard.press("Space");
  await expect(controls).toHaveAttribute("data-playing", "true");
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await expect.poll(async () => Number(await controls.getAttribute("data-step"))).toBeGreaterThan(4);
  await page.keyboard.press("Space");
  await expect(controls).toHaveAttribute("data-playing", "false");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  const paused = Number(await controls.getAttribute("data-step"));
  expect(paused).toBeLessThan(events.length);
  // Paused: the URL holds the step at once.
  await expect(page).toHaveURL(new RegExp(`[?&]replay=${paused}(&|$)`));
  await atStep(page, paused);

  // Keys typed in a text field are left alone.
  await page.getByTestId("run-tab-ledger").click();
  await page.getByTestId("ledger-filter-token").fill("x");
  await page.getByTestId("ledger-filter-token").press("ArrowLeft");
  await page.getByTestId("ledger-filter-token").press("Space");
  await expect(controls).toHaveAttribute("data-playing", "false");
  await atStep(page, paused);
});

test("a copied replay URL opens at that step with the same event", async ({ page, browser }) => {
  const step = enqueueSteps("draft", "review")[1]!;
  await page.goto(`/runs/${runId}`);
  await page.getByTestId("replay-open").click();
  await atStep(page, 1);
  await page.getByRole("slider", { name: "Replay position" }).fill(String(step));
  await atStep(page, step);
  await expect(page).toHaveURL(new RegExp(`[?&]replay=${step}(&|$)`));
  const eventId = await page.getByTestId("replay-event").getAttribute("data-event-id");
  const copied = page.url();

  const other = await browser.newPage();
  try {
    await other.goto(copied);
    await expect(other.getByTestId("replay-controls")).toBeVisible();
    await atStep(other, step);
    await expect(other.getByTestId("replay-event")).toHaveAttribute("data-event-id", eventId!);
    await expect(other.getByTestId("replay-overlay")).toHaveAttribute("data-edge", "draft->review");
    await expect(node(other, "review")).toHaveAttribute("data-replay-active", "true");
  } finally {
    await other.close();
  }
});

test("a run without an audit ledger says Replay needs one", async ({ page }) => {
  await page.goto(`/runs/${bare.runId}?replay=1`);
  await expect(page.getByTestId("replay-empty")).toContainText("Replay needs the run's audit ledger");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeDisabled();
  await expect(page.getByTestId("replay-position")).toHaveText("No steps");
});
