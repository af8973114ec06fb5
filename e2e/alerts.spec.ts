import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { scriptedRunSpans, type ScriptedRun } from "@/collector/testing/workflow-run";
import { verifyWebhook } from "@/lib/alerts/signature";
import type { AlertWebhook } from "@/lib/alerts/types";
import { sendSpans } from "@/e2e/send";

// A webhook receiver on this machine (the e2e server allows 127.0.0.1 and evaluates every 2 s),
// a workload whose runs fail half the time, and a rule created, tested and watched in the UI.
const suffix = Date.now().toString(36);
const workload = `Alerting-${suffix}`;
const received: { body: AlertWebhook; raw: string; signature: string }[] = [];
let server: http.Server;
let hookUrl = "";

const run = (i: number): ScriptedRun => ({
  runId: `alerting-${suffix}-${i}`,
  workload,
  version: "1.0.0",
  logicId: "a1".repeat(32),
  deployment: "prod",
  startMs: Date.now() - 5 * 60_000 + i * 1000,
  activations: [{ node: "answer", role: "llm", atMs: 0, durationMs: 200, ...(i % 2 === 0 ? { error: "upstream 503" } : {}) }],
});

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ body: JSON.parse(raw) as AlertWebhook, raw, signature: String(request.headers["x-codon-signature"]) });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/codon`;
  await sendSpans(Array.from({ length: 8 }, (_, i) => scriptedRunSpans(run(i))).flat(), "grpc");
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("an alert rule made in Settings fires on failing runs, signs its webhook, sends a test and shows its history", async ({ page }) => {
  await page.goto("/settings/alerts");
  await page.getByTestId("settings-tab-alerts").waitFor();
  await page.getByTestId("alert-name").fill(`${workload} failing`);
  await page.getByTestId("alert-workload").selectOption(workload);
  await page.getByTestId("alert-condition").selectOption("error_rate");
  await page.getByTestId("alert-threshold").fill("25");
  await page.getByTestId("alert-webhook").fill(hookUrl);
  await page.getByTestId("alert-create").click();
  const secret = (await page.getByTestId("alert-rule-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);

  // Half the runs failed: above 25%, so the rule fires at its first evaluation (every 2 s here).
  const rule = page.locator('[data-testid="alert-rule"]', { hasText: `${workload} failing` });
  await expect(rule).toHaveAttribute("data-state", "firing", { timeout: 30_000 });
  await expect.poll(() => received.filter((r) => r.body.event === "alert.firing" && r.body.rule.workload === workload).length, { timeout: 15_000 }).toBe(1);
  const firing = received.find((r) => r.body.event === "alert.firing")!;
  expect(verifyWebhook(secret, firing.raw, firing.signature, Math.floor(Date.now() / 1000))).toBe(true);
  expect(verifyWebhook("whsec_wrong", firing.raw, firing.signature, Math.floor(Date.now() / 1000))).toBe(false);
  expect(firing.body.summary).toBe(`FIRING: ${workload} failing: error rate 50.0% > 25.0% over 60 min (${workload})`);

  await rule.getByTestId("alert-test").click();
  await expect(rule.getByTestId("alert-test-result")).toHaveText("Test delivered (HTTP 200).");
  expect(received.at(-1)!.body.event).toBe("alert.test");

  await rule.getByTestId("alert-history-toggle").click();
  await expect(rule.locator('[data-testid="alert-event"][data-kind="firing"][data-delivered="true"]')).toBeVisible();
  await expect(rule.locator('[data-testid="alert-event"][data-kind="test"]')).toBeVisible();
  await expect(rule.getByTestId("alert-delivery").first()).toContainText("HTTP 200");
  await page.screenshot({ path: "e2e/artifacts/alerts.png", fullPage: true });

  page.once("dialog", (dialog) => void dialog.accept());
  await rule.getByTestId("alert-delete").click();
  await expect(rule).toHaveCount(0);
});

test("a webhook to a host the operator did not allow is refused with the reason", async ({ page }) => {
  await page.goto("/settings/alerts");
  await page.getByTestId("alert-name").fill("elsewhere");
  await page.getByTestId("alert-threshold").fill("5");
  await page.getByTestId("alert-webhook").fill("https://internal.example.net/hook");
  await page.getByTestId("alert-create").click();
  await expect(page.getByTestId("alert-create-error")).toContainText("host internal.example.net is not in ALERT_WEBHOOK_HOSTS");
});
