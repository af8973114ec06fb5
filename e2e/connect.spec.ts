import { expect, test } from "@playwright/test";
import { codonRunSpans } from "@/collector/testing/telemetry";
import { E2E_PORTS } from "@/e2e/ports";
import { sendSpans } from "@/e2e/send";

// Unique per run of the suite: the server's database is shared with the other specs.
const runId = `connect-${Date.now().toString(36)}`;
const GRPC = `http://127.0.0.1:${E2E_PORTS.grpc}`;

test("once a run is exported, the connect page links to it", async ({ page, request }) => {
  await sendSpans(codonRunSpans(runId), "grpc");
  // Stored asynchronously: wait until the list API (what the page reads) has it as the newest run.
  await expect
    .poll(async () => ((await (await request.get("/api/v1/runs?limit=1")).json()) as { runs: { runId: string }[] }).runs[0]?.runId)
    .toBe(runId);

  await page.goto("/connect");
  const status = page.getByTestId("first-run-status");
  // Runs were there when the page loaded: it shows the latest one rather than waiting.
  await expect(status).toHaveAttribute("data-state", "latest");
  await expect(page.getByTestId("first-run-title")).toHaveText("Latest run");
  const link = page.getByTestId("first-run-link");
  await expect(link).toHaveText("QA-Agent");
  await expect(link).toHaveAttribute("href", `/runs/${runId}`);
  await expect(status.locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId("run-header")).toContainText("QA-Agent");
});

test("a copy button copies the endpoint and says so, from the keyboard too", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/connect");
  const copy = page.getByRole("button", { name: "Copy OTLP gRPC endpoint" });
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(GRPC);
  await expect(copy).toHaveText("Copy", { timeout: 5_000 });
});

test("without clipboard access, copying selects the text instead", async ({ page }) => {
  // As on a page served over plain http from another host: no navigator.clipboard at all.
  await page.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await page.goto("/connect");
  const copy = page.getByRole("button", { name: "Copy OTLP gRPC endpoint" });
  await copy.click();
  await expect(copy).toHaveText(/^Selected: press (Ctrl\+C|⌘C)$/);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(GRPC);

  // Snippets fall back the same way, selecting only their own code.
  await page.getByTestId("snippet-codon-python-2-copy").click();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(await page.getByTestId("snippet-codon-python-2").textContent());
});

test("a link can open a given SDK's tab", async ({ page }) => {
  await page.goto("/connect?sdk=otel-js");
  await expect(page.getByRole("tab", { name: "OpenTelemetry JS" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "OpenTelemetry JS" })).toContainText(`http://127.0.0.1:${E2E_PORTS.http}/v1/traces`);

  await page.goto("/connect?sdk=nonsense");
  await expect(page.getByRole("tab", { name: "Codon Python SDK" })).toHaveAttribute("aria-selected", "true");
});
