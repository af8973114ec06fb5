import fs from "node:fs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { expect, test, type Page } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { sendMetrics, sendSpans } from "@/e2e/send";

// Issue 21: a service's OTLP metrics on the Metrics page. Recorded with the real OTel metrics SDK
// (cumulative, as its OTLP exporters default to) and exported twice, a few seconds apart, so the
// counter has two points to make a rate from: a counter with a `route` attribute of two values,
// a histogram of 1..100 ms and a gauge.

const suffix = Date.now().toString(36);
const SERVICE = `metrics-e2e-${suffix}`;
const COUNTER = "shop.requests";
const HISTOGRAM = "shop.request.duration";
const GAUGE = "shop.queue.depth";
/** Between the two exports: the counter's rate needs its points apart in time. */
const APART_MS = 3000;

async function recordAndSend(): Promise<void> {
  const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Collected by hand (forceFlush), never on the interval.
  const reader = new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": SERVICE }), readers: [reader] });
  const meter = provider.getMeter("shop.http");
  const requests = meter.createCounter(COUNTER, { unit: "{request}", description: "Requests served" });
  const duration = meter.createHistogram(HISTOGRAM, { unit: "ms", description: "Time to serve a request", advice: { explicitBucketBoundaries: [10, 25, 50, 75, 100, 250] } });
  const depth = meter.createGauge(GAUGE, { unit: "1", description: "Jobs waiting" });

  const collect = async (): Promise<ResourceMetrics> => {
    await reader.forceFlush();
    const collected = memory.getMetrics().at(-1);
    if (!collected) throw new Error("the reader collected nothing");
    return collected;
  };

  requests.add(10, { route: "/chat" });
  requests.add(4, { route: "/search" });
  for (let ms = 1; ms <= 100; ms++) duration.record(ms, { route: ms % 2 ? "/chat" : "/search" });
  depth.record(7);
  await sendMetrics([await collect()], "http");

  await new Promise((resolve) => setTimeout(resolve, APART_MS));
  requests.add(30, { route: "/chat" });
  requests.add(6, { route: "/search" });
  depth.record(9);
  await sendMetrics([await collect()], "grpc");
  await provider.shutdown();
}

const metricButton = (page: Page, name: string) => page.getByTestId("metric-item").and(page.locator(`[data-metric="${name}"]`));
const legend = (page: Page) => page.getByTestId("metric-legend-item");

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await recordAndSend();
});

test("the Metrics page charts a counter's rate, groups it by an attribute, shows a histogram's quantiles and keeps the view in the URL", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByTestId("main-nav");
  await nav.getByRole("link", { name: "Metrics" }).click();
  await expect(page).toHaveURL(/\/metrics$/);
  await expect(nav.getByRole("link", { name: "Metrics" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Metrics" })).toBeVisible();

  // The service from its select, the counter from the list by keyboard.
  await page.getByLabel("Service").selectOption(SERVICE);
  await expect(page).toHaveURL(new RegExp(`service=${SERVICE}`));
  await expect(page.getByTestId("metric-item")).toHaveCount(3);
  await expect(metricButton(page, COUNTER)).toContainText("counter");
  await expect(metricButton(page, COUNTER)).toContainText("Requests served");
  await metricButton(page, COUNTER).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`metric=${COUNTER}`));
  await expect(metricButton(page, COUNTER)).toHaveAttribute("aria-pressed", "true");

  const chart = page.getByTestId("metric-chart");
  await expect(page.getByTestId("metric-heading")).toHaveText(COUNTER);
  await expect(page.getByTestId("metric-axis-caption")).toHaveText("request per second");
  await expect(chart.locator("svg path.recharts-line-curve").first()).toBeAttached();
  await expect(legend(page)).toHaveCount(1);

  // Grouped by the attribute: one line per value.
  await page.getByLabel("Group by").selectOption("route");
  await expect(page).toHaveURL(/groupBy=route/);
  await expect(legend(page)).toHaveCount(2);
  await expect(legend(page).filter({ hasText: "/chat" })).toHaveCount(1);
  await expect(legend(page).filter({ hasText: "/search" })).toHaveCount(1);
  await expect(chart.locator("svg path.recharts-line-curve")).toHaveCount(2);
  await page.screenshot({ path: "e2e/artifacts/metrics-counter-grouped.png", fullPage: true });

  // The histogram: p50, p95 and p99 not grouped, with its observations per step.
  await metricButton(page, HISTOGRAM).click();
  await expect(page).toHaveURL(new RegExp(`metric=${HISTOGRAM}`));
  await expect(page.getByTestId("metric-heading")).toHaveText(HISTOGRAM);
  // Its points carry `route` too, so the grouping carries over: one quantile per route.
  await expect(page.getByLabel("Quantile")).toHaveValue("p95");
  await page.getByLabel("Group by").selectOption("");
  await expect(page).not.toHaveURL(/groupBy=/);
  await expect(legend(page)).toHaveText(["p50", "p95", "p99"]);
  await expect(page.getByTestId("metric-axis-caption")).toHaveText("ms");
  await expect(page.getByTestId("metric-count-chart")).toBeVisible();
  await expect(chart.locator("svg path.recharts-line-curve")).toHaveCount(3);
  await page.screenshot({ path: "e2e/artifacts/metrics-histogram.png", fullPage: true });

  // The address alone reproduces the view, in another tab.
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByTestId("metric-heading")).toHaveText(HISTOGRAM);
  await expect(fresh.getByLabel("Service")).toHaveValue(SERVICE);
  await expect(fresh.getByLabel("Group by")).toHaveValue("");
  await expect(legend(fresh)).toHaveText(["p50", "p95", "p99"]);
  await fresh.close();

  // Back undoes one choice at a time: the histogram grouped by route, then the counter grouped.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`metric=${HISTOGRAM}&groupBy=route`));
  await expect(page.getByLabel("Quantile")).toBeVisible();
  await expect(legend(page)).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`metric=${COUNTER}&groupBy=route`));
  await expect(page.getByTestId("metric-heading")).toHaveText(COUNTER);
  await expect(page.getByLabel("Quantile")).toHaveCount(0);
  await expect(legend(page)).toHaveCount(2);
  await page.goForward();
  await expect(page.getByTestId("metric-heading")).toHaveText(HISTOGRAM);

  // The gauge: its value, unitless.
  await metricButton(page, GAUGE).click();
  await expect(page.getByTestId("metric-heading")).toHaveText(GAUGE);
  await expect(page.getByTestId("metric-axis-caption")).toHaveText("value");
  await expect(chart.locator("svg path.recharts-line-curve").first()).toBeAttached();
});

test("a window with no points says so, and an API error is shown as the server words it", async ({ page }) => {
  const longAgo = Date.parse("2020-01-01T00:00:00Z");
  await page.goto(`/metrics?service=${SERVICE}&metric=${COUNTER}&from=${longAgo}&to=${longAgo + 3_600_000}`);
  await expect(page.getByTestId("metric-no-points")).toContainText(`No points of ${COUNTER}`);
  await expect(page.getByLabel("Time")).toHaveValue("fixed");
  // A preset replaces the fixed window.
  await page.getByLabel("Time").selectOption("24h");
  await expect(page).toHaveURL(/from=24h/);
  await expect(page).not.toHaveURL(/to=/);
  await expect(page.getByTestId("metric-chart")).toBeVisible();

  // A metric the service never sent: the API's 404, in its own words, without retries first.
  await page.goto(`/metrics?service=${SERVICE}&metric=no.such.metric`);
  await expect(page.getByTestId("metric-error")).toContainText('No metric named "no.such.metric"');
});

test("a run links to its service's metrics from five minutes before it to five after", async ({ page, request }) => {
  const startMs = Date.now() - 60_000;
  const run: ScriptedRun = {
    runId: `metrics-run-${suffix}`,
    workload: "Metered-Agent",
    version: "1.0.0",
    logicId: "4d".repeat(32),
    deployment: "prod",
    service: SERVICE,
    startMs,
    activations: [{ node: "answer", role: "llm", atMs: 0, durationMs: 2000 }],
  };
  await sendSpans(scriptedRunSpans(run), "grpc");
  const stored = (await (await request.get(`/api/v1/runs/${run.runId}`)).json()) as { run: { startTime: string; endTime: string } };
  await page.goto(`/runs/${run.runId}`);
  const link = page.getByTestId("run-metrics-link");
  await expect(link).toHaveText("Metrics");
  const href = new URL((await link.getAttribute("href"))!, "http://x.invalid");
  expect(href.pathname).toBe("/metrics");
  expect(href.searchParams.get("service")).toBe(SERVICE);
  expect(Date.parse(href.searchParams.get("from")!)).toBe(Date.parse(stored.run.startTime) - 5 * 60_000);
  expect(Date.parse(href.searchParams.get("to")!)).toBe(Date.parse(stored.run.endTime) + 5 * 60_000);

  await link.click();
  await expect(page).toHaveURL(/\/metrics\?/);
  await expect(page.getByLabel("Service")).toHaveValue(SERVICE);
  await expect(page.getByLabel("Time")).toHaveValue("fixed");
  await metricButton(page, COUNTER).click();
  await expect(page.getByTestId("metric-chart")).toBeVisible();
});
