import { expect, test } from "@playwright/test";

test("Settings → Retention sets the tenant's own retention and the runs list says how far back runs go", async ({ page }) => {
  await page.goto("/settings/prices");
  await page.getByTestId("settings-tab-retention").click();
  await expect(page).toHaveURL(/\/settings\/retention$/);
  await expect(page.getByTestId("retention-current")).toHaveText("Runs older than 30 days are removed. (the server's default)");

  // Far back enough that a retention pass meanwhile removes nothing the other specs sent.
  await page.getByTestId("retention-days").fill("3650");
  await page.getByTestId("retention-save").click();
  await expect(page.getByTestId("retention-saved")).toBeVisible();
  await expect(page.getByTestId("retention-current")).toHaveText("Runs older than 3650 days are removed.");
  await page.goto("/");
  await expect(page.getByText("Runs older than 3650 days are removed.")).toBeVisible();

  await page.goto("/settings/retention");
  await expect(page.getByTestId("retention-days")).toHaveValue("3650");
  await page.getByTestId("retention-days").fill("soon");
  await page.getByTestId("retention-save").click();
  await expect(page.getByTestId("retention-days-error")).toContainText("whole number of days");

  // Blank follows RETENTION_DAYS again, as the other specs expect.
  await page.getByTestId("retention-days").fill("");
  await page.getByTestId("retention-save").click();
  await expect(page.getByTestId("retention-current")).toHaveText("Runs older than 30 days are removed. (the server's default)");
});
