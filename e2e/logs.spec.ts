import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { expect, test } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendLogs, sendSpans } from "@/e2e/send";

// Issue 21: an app's OTLP log lines on its run page. The lines were logged inside the run's node
// spans (each its own trace, as the Codon runtime starts them) and sent before the spans.

const suffix = Date.now().toString(36);
// Playwright starts a new worker after a failure and runs beforeAll again with a new suffix: a
// service of this worker's own keeps the other worker's lines out of the counts below.
const service = `log-writer-${suffix}`;
const LINES = 2500;
const started = Date.now() - 5 * 60_000;
const run: ScriptedRun = {
  runId: `logs-${suffix}`,
  workload: "Log-Writer",
  version: "1.0.0",
  logicId: "3c".repeat(32),
  deployment: "prod",
  startMs: started,
  activations: [
    { node: "fetch", role: "tool", atMs: 0, durationMs: 2000 },
    { node: "summarize", role: "llm", atMs: 2100, durationMs: 3000 },
  ],
};

async function appLogLines(spans: ReturnType<typeof scriptedRunSpans>): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": service }), processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("log_writer.worker");
  const [fetchSpan, summarizeSpan] = spans.filter((span) => span.name.startsWith("codon.node."));
  for (let i = 0; i < LINES; i++) {
    const span = i < LINES / 2 ? fetchSpan! : summarizeSpan!;
    const warn = i % 100 === 99;
    logger.emit({
      timestamp: started + i,
      context: trace.setSpanContext(ROOT_CONTEXT, span.spanContext()),
      severityNumber: warn ? SeverityNumber.WARN : SeverityNumber.INFO,
      severityText: warn ? "WARN" : "INFO",
      body: warn ? `slow page ${i}: retrying` : `fetched page ${i}`,
      attributes: { page: i },
    });
  }
  // Between runs: a line of no run or trace.
  logger.emit({ timestamp: started + LINES, severityNumber: SeverityNumber.WARN, severityText: "WARN", body: `worker idle ${suffix}` });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

test.beforeAll(async () => {
  const spans = scriptedRunSpans(run);
  await sendLogs(await appLogLines(spans), "http");
  await sendSpans(spans, "grpc");
});

test("the Logs tab lists a run's lines virtualized, filters by level and text on the server, and opens a line from the keyboard", async ({ page }) => {
  await page.goto(`/runs/${run.runId}`);
  // Right after load: the tab is a link before hydration and a History API change after it, so the click lands either way.
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(page).toHaveURL(/tab=logs/);
  await expect(page.getByTestId("logs-count")).toHaveText("1,000+ lines");
  // Virtualized: a thousand lines loaded, a few dozen drawn.
  expect(await page.getByTestId("log-line").count()).toBeLessThan(80);
  await expect(page.getByTestId("log-line").first()).toContainText("fetched page 0");

  await page.getByTestId("logs-more").click();
  await page.getByTestId("logs-more").click();
  await expect(page.getByTestId("logs-count")).toHaveText("2,500 lines");
  await expect(page.getByTestId("logs-more")).toHaveCount(0);

  await page.getByTestId("logs-filter-severity").selectOption("warn");
  await expect(page.getByTestId("logs-count")).toHaveText("25 lines");
  await expect(page.locator('[data-testid="log-line"][data-severity="warn"]').first()).toContainText("slow page 99: retrying");
  await page.getByTestId("logs-filter-text").fill("PAGE 1299");
  await expect(page.getByTestId("logs-count")).toHaveText("1 line");

  await page.getByTestId("logs-filter-text").fill("");
  await page.getByTestId("logs-filter-severity").selectOption("");
  // The unfiltered pages loaded before come back.
  await expect(page.getByTestId("logs-count")).toHaveText("2,500 lines");
  await page.getByTestId("logs-list").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const detail = page.getByTestId("log-detail");
  await expect(detail).toContainText("fetched page 2");
  await expect(detail).toContainText("log_writer.worker");
  await expect(detail).toContainText("page");
  await page.keyboard.press("Escape");
  await expect(detail).toHaveCount(0);

  await page.keyboard.press("End");
  const activeId = await page.getByTestId("logs-list").getAttribute("aria-activedescendant");
  await expect(page.locator(`[id="${activeId}"]`)).toContainText("slow page 2499: retrying");
});

test("the run's tabs are links, so a click before the page is interactive still opens the tab", async ({ page }) => {
  // The app's scripts never arrive, so React never hydrates: what a click does while they load.
  // (Streamed parts still show: React inserts them with inline scripts, which run.)
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto(`/runs/${run.runId}?node=fetch`);
  const logsTab = page.getByRole("tab", { name: "Logs" });
  await expect(logsTab).toHaveAttribute("href", `/runs/${run.runId}?node=fetch&tab=logs`);
  await logsTab.click();
  await expect(page).toHaveURL(/\?node=fetch&tab=logs$/);
  await expect(page.getByRole("tab", { name: "Logs" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "Timeline" })).toHaveAttribute("href", `/runs/${run.runId}?node=fetch`);
});

test("the graph's placeholder takes the drawn graph's room, so the tabs do not move under a click when it draws", async ({ page }) => {
  // Where the tabs are before the scripts run (the placeholder) and once the graph is drawn: a click
  // aimed at a tab while the graph drew used to land on the legend that pushed the tabs down.
  const pending = await page.context().newPage();
  await pending.route("**/_next/static/**/*.js", (route) => route.abort());
  await pending.goto(`/runs/${run.runId}`);
  await expect(pending.getByTestId("run-dag-pending")).toBeVisible();
  const before = await pending.getByRole("tab", { name: "Logs" }).boundingBox();
  await pending.close();

  await page.goto(`/runs/${run.runId}`);
  await expect(page.getByTestId("run-dag").getByTestId("dag-node")).toHaveCount(2);
  const after = await page.getByRole("tab", { name: "Logs" }).boundingBox();
  expect(before).not.toBeNull();
  expect(Math.abs(after!.y - before!.y)).toBeLessThan(1);
});

test("the timeline marks where each span logged, colored by level", async ({ page }) => {
  await page.goto(`/runs/${run.runId}`);
  const fetchRow = page.getByTestId("timeline-row").filter({ hasText: "codon.node.fetch" });
  await expect(fetchRow).toHaveAttribute("data-log-lines", "1250");
  await expect(fetchRow).toHaveAttribute("title", /1250 log lines/);
  // Forty ticks at most on one bar.
  await expect(fetchRow.getByTestId("timeline-log-mark")).toHaveCount(40);
});

test("the node inspector shows the lines logged in that node's spans", async ({ page }) => {
  await page.goto(`/runs/${run.runId}?node=summarize`);
  const lines = page.getByTestId("inspector-log-line");
  await expect(page.getByTestId("inspector-logs")).toContainText("100 of 1,000+");
  await expect(lines.first()).toContainText("fetched page 1250");
  await expect(lines).toHaveCount(100);
});

test("the Logs page lists every service's lines newest first and narrows to one service and to lines of no run", async ({ page }) => {
  await page.goto("/logs?from=all");
  await page.getByTestId("logs-filter-service").fill(service);
  await expect(page).toHaveURL(new RegExp(`service=${service}`));
  await expect(page.getByTestId("log-line").first()).toContainText(`worker idle ${suffix}`);
  await expect(page.getByTestId("logs-count")).toHaveText("1,000+ lines");
  await page.getByTestId("logs-filter-without-run").check();
  await expect(page).toHaveURL(/withoutRun=true/);
  await expect(page.getByTestId("logs-count")).toHaveText("1 line");
  await page.getByTestId("logs-filter-service").fill("no-such-service");
  await expect(page.getByTestId("logs-empty")).toContainText("No log lines match");
});

test("an opened span in the Spans tab shows the lines logged in it", async ({ page }) => {
  await page.goto(`/runs/${run.runId}?tab=spans`);
  const fetchSpan = page.getByTestId("span-item").filter({ hasText: "codon.node.fetch" });
  await fetchSpan.locator("summary").click();
  await expect(fetchSpan.getByTestId("span-logs")).toContainText("100 of 1,000+");
  await expect(fetchSpan.getByTestId("span-log-line").first()).toContainText("fetched page 0");
});

test("a run without log records says how to send them", async ({ page, request }) => {
  const empty: ScriptedRun = { ...run, runId: `no-logs-${suffix}`, activations: [{ node: "fetch", role: "tool", atMs: 0, durationMs: 10 }] };
  await sendSpans(scriptedRunSpans(empty), "grpc");
  await page.goto(`/runs/${empty.runId}?tab=logs`);
  await expect(page.getByTestId("logs-empty")).toContainText("/v1/logs");
  const api = await request.get(`/api/v1/runs/${empty.runId}/logs?severity=nope`);
  expect(api.status()).toBe(400);
  expect(((await api.json()) as { error: { message: string } }).error.message).toContain("severity");
});
