import { expect, test } from "@playwright/test";
import { scriptedRunSpans } from "@/collector/testing/workflow-run";
import { sendSpans } from "@/e2e/send";

// Issue 25: Settings → Redaction saves rules, refuses a pattern the linear-time engine cannot
// run, previews them on sample text; telemetry sent afterwards is stored redacted, and the run
// page says how many values were. The rules are cleared at the end: the other specs send as the
// same tenant.

const suffix = Date.now().toString(36);
const CARD = "4111 1111 1111 1111";

test("Settings → Redaction: rules saved, previewed, applied at ingest and counted on the run page", async ({ page }) => {
  await page.goto("/settings/retention");
  await page.getByTestId("settings-tab-redaction").click();
  await expect(page).toHaveURL(/\/settings\/redaction$/);
  await expect(page.getByTestId("redaction-none")).toBeVisible();

  await page.getByTestId("redaction-add-detector").click();
  await page.getByTestId("redaction-rule-detector").selectOption("card");
  await page.getByTestId("redaction-add-pattern").click();
  await page.getByTestId("redaction-rule-name").fill("ticket");
  await page.getByTestId("redaction-rule-pattern").fill("(T)\\1CK");
  await page.getByTestId("redaction-rule-action").nth(1).selectOption("hash");
  await page.getByTestId("redaction-save").click();
  await expect(page.getByTestId("redaction-error")).toContainText("rules[1].pattern:");
  await expect(page.getByTestId("redaction-error")).toContainText("linear-time");
  await page.getByTestId("redaction-rule-pattern").fill("TCK-[0-9]{6}");
  await page.getByTestId("redaction-save").click();
  await expect(page.getByTestId("redaction-saved")).toBeVisible();

  await page.getByTestId("redaction-preview-text").fill(`ticket TCK-123456 paid by ${CARD}`);
  await page.getByTestId("redaction-preview-run-text").click();
  await expect(page.getByTestId("redaction-preview-total")).toContainText("2 values would be redacted");
  await expect(page.getByTestId("redaction-preview-after")).toHaveText(/^ticket \[HASHED:ticket:[0-9a-f]{16}\] paid by \[REDACTED:card\]$/);

  await page.reload();
  await expect(page.getByTestId("redaction-rule")).toHaveCount(2);

  // The collector reads a tenant's rules again within 10 s: send runs until one is stored redacted.
  // 4: the card and the ticket, in the error message and in the attribute it was read from.
  let runId = "";
  await expect
    .poll(
      async () => {
        runId = `redacted-${suffix}-${Date.now().toString(36)}`;
        const activations = [{ node: "charge", role: "tool", atMs: 0, durationMs: 100, error: `card ${CARD} declined for TCK-654321` }];
        await sendSpans(scriptedRunSpans({ runId, workload: "Billing-Agent", version: "1.0.0", logicId: "5e".repeat(32), deployment: "prod", startMs: Date.now() - 60_000, activations }), "grpc");
        const response = await page.request.get(`/api/v1/runs/${runId}`);
        return response.ok() ? ((await response.json()) as { redactedValues: number }).redactedValues : -1;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(4);

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-redacted")).toHaveText("4 values redacted");
  const charge = page.getByRole("button", { name: /^charge \(tool\)/ });
  await charge.focus();
  await page.keyboard.press("Enter");
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector.getByTestId("inspector-redacted")).toHaveText("4 redacted");
  await expect(inspector.getByTestId("inspector-error")).toHaveText(/^card \[REDACTED:card\] declined for \[HASHED:ticket:[0-9a-f]{16}\]$/);

  await page.goto("/settings/redaction");
  await page.getByTestId("redaction-rule-remove").first().click();
  await page.getByTestId("redaction-rule-remove").first().click();
  await page.getByTestId("redaction-save").click();
  await expect(page.getByTestId("redaction-none")).toBeVisible();
  await expect(page.getByTestId("redaction-saved")).toBeVisible();
});
