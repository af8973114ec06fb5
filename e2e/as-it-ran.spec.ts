import { expect, test, type Page } from "@playwright/test";
import { scriptedRunSpans } from "@/collector/testing/workflow-run";
import { executeRun } from "@/demo/run-demo";
import { uuidFrom } from "@/demo/seeded";
import { draftReviewer } from "@/demo/workloads/draft-reviewer";
import { E2E_PORTS } from "@/e2e/ports";
import { sendSpans, untilStored } from "@/e2e/send";
import type { LedgerEvent } from "@/lib/runs/types";
import { startCodonTelemetry } from "@/sdk/otel";

// The demo's Draft Reviewer (draft ⇄ review until the reviewer approves), sent through the SDK as
// `npm run demo` sends it: version 0.2.0's first review never passes, so the loop goes round at
// least twice. Aggregated shows draft once with ×N; As it ran shows each trip as its own activations.
const suffix = Date.now().toString(36);
const seed = `as-it-ran-e2e/${suffix}`;
const runId = uuidFrom(seed);
// A run with no ledger whose twelve steps follow one another: edges inferred from time, one long chain.
const chain = { runId: `as-ran-chain-${suffix}`, workload: `As-Ran-Chain-${suffix}`, version: "0.1.0", logicId: "5c".repeat(32), deployment: "local" };
const CHAIN_STEPS = 12;
// A longer one: more steps than one click opens (50), so its chain comes a page at a time.
const long = { runId: `as-ran-long-${suffix}`, workload: `As-Ran-Long-${suffix}`, version: "0.1.0", logicId: "6d".repeat(32), deployment: "local" };
const LONG_STEPS = 130;
// Longer than one chain may show at once (200 steps): opening on folds its start again.
const longer = { runId: `as-ran-longer-${suffix}`, workload: `As-Ran-Longer-${suffix}`, version: "0.1.0", logicId: "7e".repeat(32), deployment: "local" };
const LONGER_STEPS = 320;
let drafts = 0;

test.beforeAll(async () => {
  const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${E2E_PORTS.grpc}`, serviceName: draftReviewer.serviceName, orgNamespace: "acme" });
  const version = draftReviewer.versions[1]!;
  try {
    await executeRun({ workload: draftReviewer, version, versionIndex: 1, deploymentId: "as-it-ran-e2e", runId, startMs: Date.now() - 60 * 60_000, seed, index: 0 }, telemetry);
  } finally {
    await telemetry.shutdown();
  }
  const activations = Array.from({ length: CHAIN_STEPS }, (_, i) => ({ node: `step${i + 1}`, role: "tool", atMs: i * 100, durationMs: 50 }));
  await sendSpans(scriptedRunSpans({ ...chain, startMs: Date.now() - 30 * 60_000, activations }));
  const loop = Array.from({ length: LONG_STEPS }, (_, i) => ({ node: `loop${i % 2}`, role: "tool", atMs: i * 100, durationMs: 50 }));
  await sendSpans(scriptedRunSpans({ ...long, startMs: Date.now() - 20 * 60_000, activations: loop }));
  const longerLoop = Array.from({ length: LONGER_STEPS }, (_, i) => ({ node: `loop${i % 2}`, role: "tool", atMs: i * 100, durationMs: 50 }));
  await sendSpans(scriptedRunSpans({ ...longer, startMs: Date.now() - 10 * 60_000, activations: longerLoop }));
  await untilStored();
  const response = await fetch(`http://127.0.0.1:${E2E_PORTS.web}/api/v1/runs/${runId}/ledger?limit=1000`);
  const events = ((await response.json()) as { events: LedgerEvent[] }).events;
  drafts = events.filter((e) => e.eventType === "token_dequeued" && e.targetNode === "draft").length;
});

const activation = (page: Page, node: string, seq: number) => page.locator(`[data-testid="as-ran-node"][data-node-name="${node}"][data-seq="${seq}"]`);
/** Each drawn activation card's place on React Flow's canvas (its wrapper's transform, not its place on screen), by node name and seq. */
const cardPlaces = async (page: Page) =>
  new Map(
    await page
      .getByTestId("as-ran-node")
      .evaluateAll((cards) => cards.map((el) => [`${el.getAttribute("data-node-name")}#${el.getAttribute("data-seq")}`, (el.closest(".react-flow__node") as HTMLElement).style.transform] as const)),
  );
const edge = (page: Page, source: string, target: string) => page.locator(`.react-flow__edge[data-id="${source}->${target}"]`);

test("the review loop shows ×N in Aggregated and unrolls in order As it ran", async ({ page }) => {
  expect(drafts).toBeGreaterThanOrEqual(2);
  await page.goto(`/runs/${runId}`);
  const draftNode = page.locator('[data-testid="dag-node"][data-node-id="draft"]');
  await expect(draftNode).toBeVisible();
  await expect(draftNode).toContainText(`×${drafts}`);
  await expect(page.getByTestId("graph-view-aggregated")).toHaveAttribute("aria-pressed", "true");

  // From the keyboard: the switch is two buttons in the tab order.
  await page.getByTestId("graph-view-as-it-ran").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]view=as-it-ran(&|$)/);
  await expect(page.getByTestId("as-ran-view")).toBeVisible();
  await expect(page.locator('[data-testid="as-ran-node"][data-node-name="draft"]')).toHaveCount(drafts);
  await expect(page.locator('[data-testid="as-ran-node"][data-node-name="review"]')).toHaveCount(drafts);
  await expect(page.getByTestId("dag-node")).toHaveCount(0);

  // The loop unrolled: draft #1 → review #1 → draft #2 → review #2, each edge a ledger token.
  const ids: string[] = [];
  for (const [node, seq] of [["draft", 1], ["review", 1], ["draft", 2], ["review", 2]] as const) {
    const id = await activation(page, node, seq).getAttribute("data-span-id");
    expect(id).toBeTruthy();
    ids.push(id!);
  }
  for (let i = 0; i + 1 < ids.length; i++) await expect(edge(page, ids[i]!, ids[i + 1]!)).toHaveCount(1);
  const byId = new Map(((await (await page.request.get(`/api/v1/runs/${runId}/activations`)).json()) as { edges: { id: string; kind: string }[] }).edges.map((e) => [e.id, e.kind]));
  expect(byId.get(`${ids[1]}->${ids[2]}`)).toBe("ledger");

  // Selecting review #2 selects its node (the inspector) and its span; the URL keeps the view.
  await activation(page, "review", 2).click();
  await expect(page).toHaveURL(new RegExp(`[?&]span=${ids[3]}(&|$)`));
  await expect(page).toHaveURL(/[?&]node=review(&|$)/);
  await expect(page.getByTestId("node-inspector")).toHaveAttribute("data-node-id", "review");
  await expect(activation(page, "review", 2)).toHaveAttribute("data-selected", "true");

  // A reload keeps the view and the selection; Aggregated is one click away.
  await page.reload();
  await expect(activation(page, "review", 2)).toHaveAttribute("data-selected", "true");
  await page.getByTestId("graph-view-aggregated").click();
  await expect(page).not.toHaveURL(/view=/);
  await expect(draftNode).toContainText(`×${drafts}`);
});

test("a long chain is one segment until expanded, from the mouse or the keyboard", async ({ page }) => {
  await page.goto(`/runs/${chain.runId}?view=as-it-ran`);
  const segment = page.getByTestId("as-ran-segment");
  await expect(segment).toHaveCount(1);
  await expect(segment).toHaveAttribute("data-steps", String(CHAIN_STEPS));
  await expect(segment).toHaveAttribute("aria-label", new RegExp(`^step1 #1 → … → step${CHAIN_STEPS} #1, ${CHAIN_STEPS} steps`));
  await expect(segment).toContainText(`${CHAIN_STEPS} steps`);
  await expect(page.getByTestId("as-ran-node")).toHaveCount(0);

  await segment.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("as-ran-segment")).toHaveCount(0);
  await expect(page.getByTestId("as-ran-node")).toHaveCount(CHAIN_STEPS);
  // The opened card took the focus with it: the first step it showed has it, and Enter selects that step.
  await expect(page.locator('[data-testid="as-ran-node"]:focus')).toHaveAttribute("data-node-name", "step1");
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-testid="as-ran-node"][data-node-name="step1"]')).toHaveAttribute("data-selected", "true");
  // No ledger: each step follows the one before it in time, drawn as inferred.
  const graph = (await (await page.request.get(`/api/v1/runs/${chain.runId}/activations`)).json()) as { edges: { kind: string }[] };
  expect(graph.edges).toHaveLength(CHAIN_STEPS - 1);
  expect(new Set(graph.edges.map((e) => e.kind))).toEqual(new Set(["time"]));

  await page.getByTestId("as-ran-collapse-all").click();
  await expect(page.getByTestId("as-ran-segment")).toHaveCount(1);
  await page.getByTestId("as-ran-segment").click();
  await expect(page.getByTestId("as-ran-node")).toHaveCount(CHAIN_STEPS);
});

test("a long run's chain opens a page at a time, and a link to a step deep inside opens the chain around it", async ({ page }) => {
  await page.goto(`/runs/${long.runId}?view=as-it-ran`);
  const segment = page.getByTestId("as-ran-segment");
  await expect(segment).toHaveCount(1);
  await expect(segment).toHaveAttribute("data-steps", String(LONG_STEPS));
  await expect(page.getByTestId("as-ran-view")).toHaveAttribute("data-activations", String(LONG_STEPS));

  await segment.click();
  await expect(page.getByTestId("as-ran-node")).toHaveCount(50);
  const after = page.locator('[data-testid="as-ran-segment"][data-side="after"]');
  await expect(after).toHaveAttribute("data-steps", String(LONG_STEPS - 50));
  // The folded rest is named by its first step: loop0's 26th activation is step 50.
  await expect(after).toHaveAttribute("aria-label", /^loop0 #26 → … → loop1 #65, 80 steps/);
  // From the keyboard too: 50 more steps, drawn over two frames (staged.ts).
  await after.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("as-ran-node")).toHaveCount(100);
  await expect(after).toHaveAttribute("data-steps", String(LONG_STEPS - 100));
  // Each shown step follows the one before it: 99 edges between them, one into the folded rest.
  await expect(page.locator(".react-flow__edge")).toHaveCount(100);

  // The whole graph is still one request away for API clients; the view asked for the folded one.
  const whole = (await (await page.request.get(`/api/v1/runs/${long.runId}/activations`)).json()) as { activations: { spanId: string; seq: number; nodeName: string }[] };
  expect(whole.activations).toHaveLength(LONG_STEPS);
  const deep = whole.activations[120]!;
  await page.goto(`/runs/${long.runId}?view=as-it-ran&span=${deep.spanId}`);
  const selected = page.locator(`[data-testid="as-ran-node"][data-span-id="${deep.spanId}"]`);
  await expect(selected).toHaveAttribute("data-selected", "true");
  await expect(selected).toHaveAttribute("data-node-name", deep.nodeName);
  await expect(selected).toHaveAttribute("data-seq", String(deep.seq));
  await expect(page.locator('[data-testid="as-ran-segment"][data-side="before"]')).toHaveCount(1);
});

test("a chain opened page after page shows at most 200 steps, folding its start again, and back", async ({ page }) => {
  await page.goto(`/runs/${longer.runId}?view=as-it-ran`);
  const view = page.getByTestId("as-ran-view");
  await page.getByTestId("as-ran-segment").click();
  const after = page.locator('[data-testid="as-ran-segment"][data-side="after"]');
  const before = page.locator('[data-testid="as-ran-segment"][data-side="before"]');
  await expect(after).toHaveAttribute("data-steps", String(LONGER_STEPS - 50));
  // Past 150 cards only those on screen are drawn: fit the whole graph to reach the folded rest.
  const fitAll = page.locator(".react-flow__controls-fitview");
  let placesBefore = new Map<string, string>();
  for (let shown = 100; shown <= 250; shown += 50) {
    await fitAll.click();
    // The last click slides the window (200 steps at most): the steps it keeps stay where they were (below).
    if (shown === 250) placesBefore = await cardPlaces(page);
    await after.click();
    await expect(after).toHaveAttribute("data-steps", String(LONGER_STEPS - shown));
  }
  // Steps 50–249 drawn: the first 50 folded again before them, 70 still folded after.
  await expect(view).toHaveAttribute("data-drawn-cards", String(200 + 2));
  // The view fits the steps that appeared, not the folded start far above them (off screen, so not drawn).
  await expect(activation(page, "loop1", 125)).toBeInViewport();
  await expect(before).toHaveCount(0);
  await fitAll.click();
  await expect(before).toHaveAttribute("data-steps", "50");
  // All but one in ten: on a window's first slide the fold that appears takes a column, so each row's last step wraps.
  const placesAfter = await cardPlaces(page);
  const shared = [...placesAfter.keys()].filter((key) => placesBefore.has(key));
  const stayed = shared.filter((key) => placesAfter.get(key) === placesBefore.get(key));
  expect(shared.length).toBeGreaterThanOrEqual(100);
  expect(stayed.length).toBeGreaterThanOrEqual(Math.floor(shared.length * 0.9));
  await fitAll.click();
  await before.click();
  await expect(view).toHaveAttribute("data-drawn-cards", String(200 + 1));
  await expect(before).toHaveCount(0);
  // The view fitted the steps that appeared at the start: fit the whole again to see the end.
  await fitAll.click();
  await expect(after).toHaveAttribute("data-steps", String(LONGER_STEPS - 200));
});
