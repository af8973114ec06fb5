import { expect, test } from "@playwright/test";
import { codonRunSpans } from "@/collector/testing/telemetry";
import { sendSpans } from "@/e2e/send";

test("a run sent by a real gRPC exporter appears on the runs page", async ({ page }) => {
  await sendSpans(codonRunSpans("e2e-run-1"), "grpc");

  await page.goto("/");
  const row = page.locator('[data-run-id="e2e-run-1"]');
  await expect(row).toContainText("QA-Agent");
  await expect(row).toContainText("0.1.0");
  await expect(row).toContainText("local");
  await page.screenshot({ path: "e2e/artifacts/runs-list.png", fullPage: true });
});

test("the ledger endpoint stores a JSON ledger and explains bad input", async ({ request }) => {
  const ok = await request.post("/api/v1/runs/e2e-ledger/ledger", {
    data: [
      { event_type: "token_enqueued", timestamp: "2024-11-21T11:53:20Z", token_id: "t1", source_node: "__entry__", target_node: "a", metadata: {} },
      { event_type: "runtime_stopped", timestamp: "2024-11-21T11:53:21Z", token_id: null, source_node: null, target_node: null, metadata: {} },
    ],
  });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ runId: "e2e-ledger", stored: 2, rejected: 0 });

  const invalid = await request.post("/api/v1/runs/e2e-ledger/ledger", { data: [{ event_type: "x" }] });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.message).toMatch(/^\[0\]\.timestamp/);

  const malformed = await request.post("/api/v1/runs/e2e-ledger/ledger", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.code).toBe("invalid_json");
});
