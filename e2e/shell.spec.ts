import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_PORTS } from "@/e2e/ports";

test.beforeAll(() => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
});

test("the runs page tells a new user where to point the SDK", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  const empty = page.getByTestId("runs-empty");
  await expect(empty).toContainText("No runs yet — point your SDK at");
  await expect(empty).toContainText(`http://127.0.0.1:${E2E_PORTS.grpc}`);
  await expect(page.getByTestId("snippet-grpc")).toContainText(`OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${E2E_PORTS.grpc}`);
  await expect(page.getByRole("link", { name: "Runs" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: "e2e/artifacts/runs-empty.png", fullPage: true });
});

test("every section is reachable from the navigation, by keyboard too", async ({ page }) => {
  await page.goto("/");
  // The first Tab reaches the skip link, which moves focus past the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();

  const nav = page.getByTestId("main-nav");
  await nav.getByRole("link", { name: "Workloads" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/workloads$/);
  await expect(page.getByTestId("workloads-empty")).toContainText("No workloads yet");
  await expect(nav.getByRole("link", { name: "Workloads" })).toHaveAttribute("aria-current", "page");

  await nav.getByRole("link", { name: "Costs" }).click();
  await expect(page.getByTestId("costs-empty")).toContainText("No cost data yet");

  await nav.getByRole("link", { name: "Logs" }).click();
  await expect(page).toHaveURL(/\/logs$/);
  await expect(page.getByTestId("logs-empty")).toContainText("No log records in the last 24 hours. Point an OpenTelemetry SDK's log exporter");

  await nav.getByRole("link", { name: "Metrics" }).click();
  await expect(page).toHaveURL(/\/metrics$/);
  await expect(nav.getByRole("link", { name: "Metrics" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("metrics-empty")).toContainText(`http://127.0.0.1:${E2E_PORTS.http}/v1/metrics`);

  await nav.getByRole("link", { name: "Connect" }).click();
  await expect(page).toHaveURL(/\/connect$/);
  await expect(page.getByRole("heading", { level: 1, name: "Connect" })).toBeVisible();
});

test("the connect page shows the live endpoints, a setup per SDK and waits for the first span", async ({ page }) => {
  const grpc = `http://127.0.0.1:${E2E_PORTS.grpc}`;
  const http = `http://127.0.0.1:${E2E_PORTS.http}`;
  await page.goto("/connect");
  await expect(page.getByTestId("endpoint-grpc")).toHaveText(grpc);
  await expect(page.getByTestId("endpoint-http")).toHaveText(http);
  await expect(page.getByRole("button", { name: "Copy OTLP gRPC endpoint" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy OTLP HTTP endpoint" })).toBeVisible();

  // Nothing has been sent to this database: the page waits, live, and keys are off.
  const status = page.getByTestId("first-run-status");
  await expect(status).toHaveAttribute("role", "status");
  await expect(status).toHaveAttribute("data-state", "waiting");
  await expect(status).toContainText("Waiting for your first span…");
  await expect(page.getByTestId("api-key-notice")).toHaveAttribute("data-state", "off");
  await expect(page.getByTestId("api-key-notice")).toContainText("exports are accepted without a key");
  await expect(page.getByTestId("demo-hint")).toContainText("npm run demo");

  // Each SDK's snippets carry the endpoint it exports to; no key lines while keys are off.
  const expectations = [
    { id: "codon-python", label: "Codon Python SDK", text: `OTEL_EXPORTER_OTLP_ENDPOINT=${grpc}` },
    { id: "otel-python", label: "OpenTelemetry Python", text: `endpoint="${http}/v1/traces"` },
    { id: "otel-js", label: "OpenTelemetry JS", text: `url: "${http}/v1/traces"` },
    { id: "typescript", label: "TypeScript (this repo's SDK)", text: `OTEL_EXPORTER_OTLP_ENDPOINT=${grpc}` },
  ];
  for (const { id, label, text } of expectations) {
    await page.getByRole("tab", { name: label }).click();
    await expect(page.getByRole("tab", { name: label })).toHaveAttribute("aria-selected", "true");
    const panel = page.getByRole("tabpanel", { name: label });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(text);
    await expect(panel).not.toContainText("CODON_API_KEY");
    await expect(page.getByTestId(`guide-panel-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId("guide-panel-typescript")).toContainText('import { startCodonTelemetry } from "./sdk/otel";');

  // Arrow keys, Home and End move between the tabs, and focus follows.
  await page.getByRole("tab", { name: "Codon Python SDK" }).click();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "OpenTelemetry Python" })).toBeFocused();
  await expect(page.getByTestId("guide-panel-otel-python")).toBeVisible();
  await expect(page.getByTestId("guide-panel-codon-python")).toBeHidden();
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: "TypeScript (this repo's SDK)" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Codon Python SDK" })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: "TypeScript (this repo's SDK)" })).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(/[?&]sdk=typescript\b/);
  await page.keyboard.press("Home");
  await expect(page.getByTestId("guide-panel-codon-python")).toBeVisible();
  // Only the active tab is a tab stop: Tab leaves the tab list for the panel's first copy button.
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("snippet-codon-python-1-copy")).toBeFocused();

  await expect(status).toHaveAttribute("data-state", "waiting");
  await page.screenshot({ path: "e2e/artifacts/connect.png", fullPage: true });
});

test("the waiting status shows an error, keeps polling and links to the first run that arrives", async ({ page }) => {
  // The database stays empty for the specs after this one, so the list API is stubbed in the browser.
  const startMs = Date.parse("2026-01-02T03:04:05Z");
  const run = {
    runId: "first-run-stub",
    workloadName: "Stub-Agent",
    serviceName: "stub-agent",
    status: "completed",
    startTime: new Date(startMs).toISOString(),
    startTimeUnixNano: `${startMs}000000`,
  };
  let calls = 0;
  await page.route(/\/api\/v1\/runs\?limit=1$/, (route) => {
    calls += 1;
    return calls === 1
      ? route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "The server is starting; retry shortly" } } })
      : route.fulfill({ json: { runs: [run], nextCursor: null } });
  });
  await page.goto("/connect");
  const status = page.getByTestId("first-run-status");
  await expect(status).toHaveAttribute("data-state", "error");
  await expect(page.getByTestId("first-run-error")).toHaveText("The server is starting; retry shortly");
  await expect(status).toHaveAttribute("data-state", "arrived");
  await expect(page.getByTestId("first-run-title")).toHaveText("Your first run arrived");
  await expect(page.getByTestId("first-run-link")).toHaveText("Stub-Agent");
  await expect(page.getByTestId("first-run-link")).toHaveAttribute("href", "/runs/first-run-stub");
  await expect(status).toContainText("started 2026-01-02 03:04:05 UTC");
});

test("health reports the database, both receivers and the collector's backlog (null until the collector keeps one)", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ingest: { delayed: boolean } | null };
  expect(body).toEqual({
    status: "ok",
    database: "ok",
    receivers: { grpc: "listening", http: "listening" },
    backend: "pglite",
    ingest: body.ingest === null ? null : expect.objectContaining({ records: 0, delayed: false }),
  });
});

test("an unknown page is a 404 with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Nothing lives at this address");
  await page.getByTestId("not-found").getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/$/);
});
