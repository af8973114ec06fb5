import { expect, test } from "@playwright/test";

// Issue 25: a settings change made in the browser is in Settings → Access log, filterable and
// exportable, and the export is itself recorded.

test("a retention change shows in the access log, the filter narrows it, and the CSV export is logged too", async ({ page, request }) => {
  await page.goto("/settings/retention");
  // Far back enough that a retention pass meanwhile removes nothing the other specs sent.
  await page.getByTestId("retention-days").fill("3649");
  await page.getByTestId("retention-save").click();
  await expect(page.getByTestId("retention-current")).toHaveText("Runs older than 3649 days are removed.");
  // Blank follows RETENTION_DAYS again, as the other specs expect.
  await page.getByTestId("retention-days").fill("");
  await page.getByTestId("retention-save").click();
  await expect(page.getByTestId("retention-current")).toHaveText("Runs older than 30 days are removed. (the server's default)");

  await page.getByTestId("settings-tab-access-log").click();
  await expect(page).toHaveURL(/\/settings\/access-log$/);
  const rows = page.getByTestId("access-log-row");
  // Newest first: the reset, then the change.
  await expect(rows.nth(0).getByTestId("access-log-row-action")).toHaveText("retention.update");
  await expect(rows.nth(1)).toContainText("days=3649");
  await expect(rows.nth(1).getByTestId("access-log-row-outcome")).toHaveText("ok");

  await page.getByTestId("access-log-action").selectOption("retention.update");
  await page.getByTestId("access-log-apply").click();
  await expect(page).toHaveURL(/action=retention\.update/);
  const actions = await page.getByTestId("access-log-row-action").allTextContents();
  expect(actions.length).toBeGreaterThanOrEqual(2);
  expect(new Set(actions)).toEqual(new Set(["retention.update"]));

  const exportHref = await page.getByTestId("access-log-export").getAttribute("href");
  expect(exportHref).toContain("action=retention.update");
  const csv = await request.get(exportHref!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\n")[0]).toContain("occurred_at");
  // The details column holds the entry's JSON, quoted for CSV.
  expect(text).toContain('""days"":3649');
  await page.goto("/settings/access-log?action=access_log.export");
  await expect(page.getByTestId("access-log-row").first().getByTestId("access-log-row-action")).toHaveText("access_log.export");

  // Every entry recomputed from the genesis: the chain holds.
  await page.getByTestId("access-log-verify").click();
  await expect(page).toHaveURL(/verify=1/);
  await expect(page.getByTestId("access-log-verify-result")).toHaveAttribute("data-status", "intact");
  await expect(page.getByTestId("access-log-verify-result")).toContainText("entries link and hash as stored, from the genesis");
});
