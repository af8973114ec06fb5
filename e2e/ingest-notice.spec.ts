import fs from "node:fs";
import { expect, test, type Page, type Route } from "@playwright/test";

// The "ingest delayed" notice in the browser. A spool lags for real only while the database is
// down, which the shared server's embedded database cannot be; so the backlog endpoint's answer
// is stubbed in the browser (its route tests check the server's side), and the pages are real.

const BACKLOG = /\/api\/health\/ingest$/;
const report = (figures: { records: number; oldestAgeSeconds: number; delayed: boolean }) => ({
  spool: "on",
  bytes: figures.records * 4096,
  maxBytes: 1024 ** 3,
  drainRowsPerSecond: 800,
  ...figures,
});
const DELAYED = report({ records: 7, oldestAgeSeconds: 42.6, delayed: true });
const CLEAR = report({ records: 0, oldestAgeSeconds: 0, delayed: false });

/** Answers the backlog endpoint with whatever `next` says at the time; counts the calls. */
async function stubBacklog(page: Page, first: (route: Route) => Promise<void>) {
  const stub = { next: first, calls: 0 };
  await page.route(BACKLOG, (route) => {
    stub.calls += 1;
    return stub.next(route);
  });
  return stub;
}

test.beforeAll(() => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
});

test("every page says when ingest is delayed, as a status, and stops saying it once the backlog clears", async ({ page }) => {
  const stub = await stubBacklog(page, (route) => route.fulfill({ json: DELAYED }));
  await page.goto("/");
  const notice = page.getByTestId("ingest-delay-notice");
  await expect(notice).toHaveAttribute("role", "status");
  await expect(notice).toHaveAttribute("data-state", "delayed");
  await expect(notice).toContainText("Ingest delayed by 42 s — 7 exports waiting to be stored.");
  await expect(notice).toContainText("The database is slow or unreachable; the exports are safe in the collector's spool");
  // Beside the page, not over it: the page's own content stays usable.
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/ingest-delayed.png" });

  // Moving within the dashboard and loading another page afresh: still there.
  await page.getByTestId("main-nav").getByRole("link", { name: "Costs" }).click();
  await expect(page).toHaveURL(/\/costs$/);
  await expect(notice).toContainText("Ingest delayed by 42 s");
  await page.goto("/settings/prices");
  await expect(notice).toContainText("Ingest delayed by 42 s");

  // The spool drains: the next poll (every 5 s) clears it.
  stub.next = (route) => route.fulfill({ json: CLEAR });
  await expect(notice).toHaveAttribute("data-state", "clear");
  await expect(notice).toBeEmpty();
});

test("a failing backlog check hides the notice and breaks nothing; polling goes on and brings it back", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const stub = await stubBacklog(page, (route) => route.fulfill({ json: DELAYED }));
  await page.goto("/workloads");
  const notice = page.getByTestId("ingest-delay-notice");
  await expect(notice).toHaveAttribute("data-state", "delayed");

  stub.next = (route) => route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "The collector is not running" } } });
  await expect(notice).toHaveAttribute("data-state", "clear");
  const failedAt = stub.calls;
  stub.next = (route) => route.abort("connectionrefused");
  await expect.poll(() => stub.calls, { timeout: 12_000 }).toBeGreaterThan(failedAt);
  stub.next = (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<html>a proxy's page</html>" });
  await expect.poll(() => stub.calls, { timeout: 12_000 }).toBeGreaterThan(failedAt + 1);
  await expect(notice).toHaveAttribute("data-state", "clear");
  await expect(page.getByRole("heading", { level: 1, name: "Workloads" })).toBeVisible();

  stub.next = (route) => route.fulfill({ json: DELAYED });
  await expect(notice).toHaveAttribute("data-state", "delayed");
  expect(errors).toEqual([]);
});

test("a hidden tab does not poll", async ({ page }) => {
  const stub = await stubBacklog(page, (route) => route.fulfill({ json: CLEAR }));
  await page.goto("/connect");
  await expect.poll(() => stub.calls).toBeGreaterThanOrEqual(1);
  const setHidden = (hidden: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (value ? "hidden" : "visible") });
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    }, hidden);

  await setHidden(true);
  const hiddenAt = stub.calls;
  // Two poll intervals and a half.
  await page.waitForTimeout(12_500);
  expect(stub.calls).toBe(hiddenAt);

  // Shown again: it asks at once and goes on polling.
  await setHidden(false);
  await expect.poll(() => stub.calls, { timeout: 2_000 }).toBeGreaterThan(hiddenAt);
});
