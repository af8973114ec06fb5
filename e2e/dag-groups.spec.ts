import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { scriptedRunAudit, scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendLogs, sendSpans } from "@/e2e/send";
import type { RunDag } from "@/lib/runs/types";

// A planner fans out to three workers (role "worker", names "work.*"; work.a runs twice) that all
// report to a reviewer: grouping by role folds the workers into one box.
const suffix = Date.now().toString(36);
const gpt = (inputTokens: number, outputTokens: number) => ({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens, outputTokens });
const t = (i: number) => `grp-${suffix}-${i}`;
const run: ScriptedRun = {
  runId: `groups-${suffix}`,
  workload: "Fan-Out-Groups",
  version: "1.0.0",
  logicId: "4b".repeat(32),
  deployment: "prod",
  startMs: Date.now() - 15 * 60_000,
  activations: [
    { node: "planner", role: "plan", atMs: 0, durationMs: 50 },
    { node: "work.a", role: "worker", atMs: 100, durationMs: 100, llm: gpt(100, 10) },
    { node: "work.b", role: "worker", atMs: 100, durationMs: 150, llm: gpt(200, 20) },
    { node: "work.c", role: "worker", atMs: 100, durationMs: 50, llm: gpt(300, 30) },
    { node: "work.a", role: "worker", atMs: 300, durationMs: 100 },
    { node: "reviewer", role: "review", atMs: 500, durationMs: 80 },
  ],
  tokens: [
    ["__entry__", "planner", t(0), null],
    ["planner", "work.a", t(1), t(0)],
    ["planner", "work.b", t(2), t(0)],
    ["planner", "work.c", t(3), t(0)],
    ["planner", "work.a", t(4), t(0)],
    ["work.a", "reviewer", t(5), t(1)],
    ["work.b", "reviewer", t(6), t(2)],
    ["work.c", "reviewer", t(7), t(3)],
    ["work.a", "reviewer", t(8), t(4)],
  ],
};
const WORKERS = ["work.a", "work.b", "work.c"];

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await sendSpans(scriptedRunSpans(run), "grpc");
  await sendLogs(await scriptedRunAudit(run), "http");
});

const node = (page: Page, id: string) => page.locator(`[data-testid="dag-node"][data-node-id="${id}"]`);
const box = (page: Page) => page.getByTestId("dag-group");

test("grouping by role folds the workers into one box with their totals, kept in the URL, opened by a click", async ({ page, request }) => {
  const dag = (await (await request.get(`/api/v1/runs/${run.runId}`)).json()) as RunDag;
  const workers = dag.nodes.filter((n) => WORKERS.includes(n.id));
  expect(workers).toHaveLength(3);
  const sum = (pick: (n: RunDag["nodes"][number]) => number) => workers.reduce((s, n) => s + pick(n), 0);

  await page.goto(`/runs/${run.runId}`);
  await expect(node(page, "work.b")).toBeVisible();
  await expect(box(page)).toHaveCount(0);
  await page.getByTestId("dag-group-by").selectOption("role");
  await expect(page).toHaveURL(/group=role/);

  await expect(box(page)).toHaveCount(1);
  const group = box(page).first();
  await expect(group).toHaveAttribute("data-key", "worker");
  await expect(group).toHaveAttribute("data-size", "3");
  await expect(group).toHaveAttribute("data-activations", String(sum((n) => n.activations)));
  await expect(group.getByTestId("dag-group-size")).toHaveText("3 nodes, 4 activations");
  // The workers' own figures, summed: 400 ms of work, 600 tokens in and 60 out.
  expect(sum((n) => n.durationMs)).toBe(400);
  expect([sum((n) => n.inputTokens), sum((n) => n.outputTokens)]).toEqual([600, 60]);
  await expect(group.getByTestId("dag-group-totals")).toContainText("Σ 400 ms");
  await expect(group.getByTestId("dag-group-totals")).toContainText("600→60 tok");
  for (const id of WORKERS) await expect(node(page, id)).toHaveCount(0);
  for (const id of ["planner", "reviewer"]) await expect(node(page, id)).toBeVisible();
  // The planner's four tokens to three workers are one edge into the box, and so on out of it.
  await expect(page.locator('[data-testid="dag-edge"][data-links="3"]')).toHaveCount(2);
  for (const edge of await page.locator('[data-testid="dag-edge"][data-links="3"]').all()) await expect(edge).toContainText("×4");
  await page.getByTestId("run-dag").screenshot({ path: "e2e/artifacts/dag-groups-role.png" });

  // A reload keeps the grouping (it is in the URL); a click opens the box.
  await page.reload();
  await expect(box(page)).toHaveCount(1);
  await box(page).first().click();
  await expect(box(page)).toHaveCount(0);
  for (const id of WORKERS) await expect(node(page, id)).toBeVisible();
  await page.getByTestId("dag-refold").click();
  await expect(box(page)).toHaveCount(1);

  // "None" draws every node again.
  await page.getByTestId("dag-group-by").selectOption("");
  await expect(page).not.toHaveURL(/group=/);
  await expect(box(page)).toHaveCount(0);
  await expect(node(page, "work.a")).toBeVisible();
});

test("a group opens from the keyboard, and groups by name prefix", async ({ page }) => {
  await page.goto(`/runs/${run.runId}?group=prefix`);
  await expect(box(page)).toHaveCount(1);
  await expect(box(page).first()).toHaveAttribute("data-key", "work");
  await box(page).first().focus();
  await page.keyboard.press("Enter");
  await expect(box(page)).toHaveCount(0);
  // The focus moves to the group's first node, so the keyboard carries on from there.
  await expect(node(page, "work.a")).toBeFocused();
});

test("jump to a node inside a folded group opens the group around it and selects it", async ({ page }) => {
  await page.goto(`/runs/${run.runId}?group=role`);
  await expect(box(page)).toHaveCount(1);
  const search = page.getByTestId("dag-search");
  await search.fill("work.c");
  await search.press("Enter");
  await expect(node(page, "work.c")).toBeVisible();
  await expect(node(page, "work.c")).toHaveAttribute("data-selected", "true");
  await expect(page).toHaveURL(/node=work\.c/);
  await expect(box(page)).toHaveCount(0);
  await expect(page.getByTestId("dag-refold")).toHaveText("Fold all");
});

test("a token's lineage through a folded group lights the box and the merged edges, and dims the rest", async ({ page }) => {
  // t5 went planner → work.a → reviewer: work.a is folded into the workers' box.
  await page.goto(`/runs/${run.runId}?group=role&token=${t(5)}`);
  await expect(box(page)).toHaveCount(1);
  await expect(page.getByTestId("run-dag").locator("[data-highlight-active]")).toHaveAttribute("data-highlight-active", "true");
  await expect(box(page).first()).toHaveAttribute("data-highlighted", "true");
  for (const id of ["planner", "reviewer"]) await expect(node(page, id)).toHaveAttribute("data-highlighted", "true");
  // Into the box and out of it: both merged edges are on the lineage.
  await expect(page.locator('[data-testid="dag-edge"][data-links="3"][data-highlighted="true"]')).toHaveCount(2);
  await expect(box(page).first()).toHaveCSS("opacity", "1");

  // Opened, the box gives way to its nodes: work.a is lit, work.b is not.
  await box(page).first().click();
  await expect(node(page, "work.a")).toHaveAttribute("data-highlighted", "true");
  await expect(node(page, "work.b")).toHaveAttribute("data-highlighted", "false");
});

test("grouping by service folds the nodes whose spans came from one service", async ({ page }) => {
  // Every span of this run came from the service named after its workload.
  await page.goto(`/runs/${run.runId}?group=service`);
  await expect(page.getByTestId("dag-group-by")).toHaveValue("service");
  await expect(box(page)).toHaveCount(1);
  await expect(box(page).first()).toHaveAttribute("data-key", "fan-out-groups");
  await expect(box(page).first()).toHaveAttribute("data-size", "5");
  await expect(page.getByTestId("dag-node")).toHaveCount(0);
});
