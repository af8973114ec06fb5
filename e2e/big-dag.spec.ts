import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { scriptedRunAudit, scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendLogs, sendSpans } from "@/e2e/send";

// A run of 300 distinct nodes one after the other: the run graph folds its middle into one segment.
const suffix = Date.now().toString(36);
const SIZE = 300;
const longRun: ScriptedRun = {
  runId: `long-chain-${suffix}`,
  workload: "Long-Chain",
  version: "1.0.0",
  logicId: "7d".repeat(32),
  deployment: "prod",
  startMs: Date.now() - 20 * 60_000,
  activations: Array.from({ length: SIZE }, (_, i) => ({ node: `n${i}`, role: "step", atMs: i * 10, durationMs: 8 })),
  tokens: Array.from({ length: SIZE }, (_, i): [string, string, string, string | null] => [i === 0 ? "__entry__" : `n${i - 1}`, `n${i}`, `lc-${suffix}-${i}`, null]),
};

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await sendSpans(scriptedRunSpans(longRun), "grpc");
  await sendLogs(await scriptedRunAudit(longRun), "http");
});

const node = (page: Page, id: string) => page.locator(`[data-testid="dag-node"][data-node-id="${id}"]`);
const segments = (page: Page) => page.getByTestId("dag-segment");

test("a long chain opens folded into one segment, and clicks draw its nodes a hundred at a time", async ({ page }) => {
  // Nine clicks that each redraw up to 300 cards: on a busy 2-core machine each takes seconds.
  test.setTimeout(120_000);
  await page.goto(`/runs/${longRun.runId}`);
  await expect(segments(page)).toHaveCount(1);
  const segment = segments(page).first();
  await expect(segment).toHaveAttribute("data-first", "n2");
  await expect(segment).toHaveAttribute("data-last", "n297");
  await expect(segment).toContainText("n2 → … → n297");
  await expect(segment.getByTestId("dag-segment-steps")).toHaveText("296 nodes, 295 steps");
  // Both ends of the chain stay drawn, readable: the first view is not a fit of 300 cards.
  await expect(page.getByTestId("dag-node")).toHaveCount(4);
  for (const id of ["n0", "n1", "n298", "n299"]) await expect(node(page, id)).toBeVisible();
  await page.getByTestId("run-dag").screenshot({ path: "e2e/artifacts/big-dag-folded.png" });

  // One click draws the next hundred nodes; the rest stay folded, under their own first node.
  await segment.click();
  await expect(segments(page)).toHaveCount(1);
  await expect(segments(page).first()).toHaveAttribute("data-first", "n102");
  await expect(node(page, "n2")).toBeVisible();
  await page.getByTestId("run-dag").screenshot({ path: "e2e/artifacts/big-dag-opened.png" });
  // The rest lies past the hundred just drawn: fit the whole graph to reach it.
  const fitAll = page.locator(".react-flow__controls-fitview");
  await fitAll.click();
  await segments(page).first().click();
  await fitAll.click();
  await expect(segments(page).first()).toHaveAttribute("data-first", "n202");
  await expect(segments(page).first().getByTestId("dag-segment-steps")).toHaveText("96 nodes, 95 steps");
  await fitAll.click();
  await segments(page).first().click();
  await expect(segments(page)).toHaveCount(0);
  await expect(page.getByTestId("run-dag").locator("[data-folded]")).toHaveAttribute("data-folded", "0");

  // Folding again brings the segment back.
  await page.getByTestId("dag-refold").click();
  await expect(segments(page)).toHaveCount(1);
  await expect(page.getByTestId("dag-refold")).toHaveCount(0);
});

test("a segment opens from the keyboard", async ({ page }) => {
  await page.goto(`/runs/${longRun.runId}`);
  await segments(page).first().focus();
  await page.keyboard.press("Enter");
  await expect(segments(page).first()).toHaveAttribute("data-first", "n102");
  // The focus moves to the first node drawn, so the keyboard carries on from there.
  await expect(node(page, "n2")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(node(page, "n2")).toHaveAttribute("data-selected", "true");
});

test("jump to a node hidden in a segment: the segment splits around it, and it is centered and selected", async ({ page }) => {
  await page.goto(`/runs/${longRun.runId}`);
  await expect(segments(page)).toHaveCount(1);
  const search = page.getByTestId("dag-search");
  await search.fill("n250");
  await search.press("Enter");

  const target = node(page, "n250");
  await expect(target).toBeVisible();
  await expect(target).toHaveAttribute("data-selected", "true");
  await expect(page).toHaveURL(/node=n250/);
  await expect(segments(page)).toHaveCount(2);
  await expect(page.locator('[data-testid="dag-segment"][data-last="n249"]')).toHaveAttribute("data-first", "n2");
  await expect(page.locator('[data-testid="dag-segment"][data-first="n251"]')).toHaveAttribute("data-last", "n297");
  await page.getByTestId("run-dag").screenshot({ path: "e2e/artifacts/big-dag-jump.png" });

  // Centered: the card's middle is near the middle of the canvas.
  const canvas = await page.locator(".react-flow__pane").boundingBox();
  const card = await target.boundingBox();
  expect(canvas && card).toBeTruthy();
  expect(Math.abs(card!.x + card!.width / 2 - (canvas!.x + canvas!.width / 2))).toBeLessThan(40);
  expect(Math.abs(card!.y + card!.height / 2 - (canvas!.y + canvas!.height / 2))).toBeLessThan(40);

  // A name that is no node says so and moves nothing.
  await search.fill("planner");
  await search.press("Enter");
  await expect(page.getByTestId("dag-search-status")).toHaveText("No node “planner”");
  await expect(page).toHaveURL(/node=n250/);
});

test("a link to a node inside a folded chain draws that node", async ({ page }) => {
  await page.goto(`/runs/${longRun.runId}?node=n100`);
  await expect(node(page, "n100")).toHaveAttribute("data-selected", "true");
  await expect(node(page, "n100")).toBeVisible();
  await expect(segments(page)).toHaveCount(2);
});

test("the overview draws the graph, marks the part on screen, and moves the view where it is pressed", async ({ page }) => {
  await page.goto(`/runs/${longRun.runId}`);
  await expect(segments(page)).toHaveCount(1);
  // Opened: the graph is wider than the screen.
  await segments(page).first().click();
  await expect(segments(page).first()).toHaveAttribute("data-first", "n102");
  const overview = page.getByTestId("flow-overview");
  await expect(overview).toHaveAttribute("role", "img");
  await expect(overview).toHaveAttribute("aria-label", "Run graph overview");
  // Something is drawn on its canvas: not every pixel is clear.
  const painted = await overview.locator("canvas").evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(50);
  const viewport = page.locator(".react-flow__viewport");
  const mark = page.getByTestId("flow-overview-view").locator("rect");
  const before = { transform: await viewport.getAttribute("style"), x: Number(await mark.getAttribute("x")) };
  // Pressed near its right edge: the view moves right, and so does the mark.
  const box = (await overview.boundingBox())!;
  await page.mouse.click(box.x + box.width - 8, box.y + box.height / 2);
  await expect(viewport).not.toHaveAttribute("style", before.transform ?? "");
  await expect.poll(async () => Number(await mark.getAttribute("x"))).toBeGreaterThan(before.x);
  // The wheel over it zooms the view.
  const zoomBefore = await viewport.getAttribute("style");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await expect(viewport).not.toHaveAttribute("style", zoomBefore ?? "");
});
