import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_PORTS } from "./ports";

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

  await nav.getByRole("link", { name: "Connect" }).click();
  await expect(page.getByTestId("endpoint-grpc")).toHaveText(`http://127.0.0.1:${E2E_PORTS.grpc}`);
  await expect(page.getByTestId("endpoint-http")).toHaveText(`http://127.0.0.1:${E2E_PORTS.http}`);
  await page.screenshot({ path: "e2e/artifacts/connect.png", fullPage: true });
});

test("health reports the database and both receivers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    database: "ok",
    receivers: { grpc: "listening", http: "listening" },
    backend: "pglite",
  });
});

test("an unknown page is a 404 with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Nothing lives at this address");
  await page.getByTestId("not-found").getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/$/);
});
