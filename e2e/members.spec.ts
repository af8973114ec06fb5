import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";

// Issue 25: an owner invites someone from Settings → Members, the invitee accepts the link in a
// browser of their own (a fresh context: no cookies), and the owner sees them listed.
// A server of its own: once a user exists every page needs sign-in, and the other specs share a
// key-less server.
const PORTS = { web: 3270 + E2E_PORT_OFFSET, grpc: 14387 + E2E_PORT_OFFSET, http: 14388 + E2E_PORT_OFFSET };
const BASE = `http://127.0.0.1:${PORTS.web}`;
const OWNER = { email: "owner@example.com", password: "owner password 1234" };

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let server: ServerProcess | null = null;

/** `npm run user -- create`, as an operator runs it, against a data folder no server owns yet. */
function createOwnerWithCli(): void {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/user.ts", "create", OWNER.email, "--tenant", "default", "--role", "owner"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", CODON_USER_PASSWORD: OWNER.password },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run user failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-members-"));
  createOwnerWithCli();
  server = spawnServer({ HOST: "127.0.0.1", PORT: String(PORTS.web), OTLP_GRPC_PORT: String(PORTS.grpc), OTLP_HTTP_PORT: String(PORTS.http), DATA_DIR: dataDir });
  await waitForHealthy(server, PORTS.web);
});

test.afterAll(async () => {
  if (server) expect((await server.stop("SIGINT")).code).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("an owner invites a member, who accepts in another browser and is listed", async ({ page, browser }) => {
  // The sign-in page takes keys; an owner's password sign-in goes through the API, whose cookie the page then carries.
  const signedIn = await page.request.post("/api/v1/session", { data: OWNER });
  expect(signedIn.status()).toBe(200);

  await page.goto("/settings/members");
  await expect(page.getByTestId("settings-tab-members")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-row").first()).toHaveAttribute("data-email", OWNER.email);
  await expect(page.getByTestId("invitations-empty")).toBeVisible();

  await page.getByTestId("invite-email").fill("ada@example.com");
  await page.getByTestId("invite-role").selectOption("member");
  await page.getByTestId("invite-submit").click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${BASE}/invite/coi_[A-Za-z0-9_-]{43}$`));
  await expect(page.getByTestId("invitation-row")).toHaveAttribute("data-email", "ada@example.com");

  // The invitee: a browser of their own, never signed in.
  const invitee = await browser.newContext({ baseURL: BASE });
  try {
    const theirs = await invitee.newPage();
    await theirs.goto(link);
    await expect(theirs.getByTestId("invite-tenant")).toHaveText("Default");
    await expect(theirs.getByTestId("invite-role-shown")).toContainText("Member");
    await expect(theirs.getByTestId("accept-form")).toHaveAttribute("data-mode", "new");
    await theirs.getByTestId("accept-name").fill("Ada");
    await theirs.getByTestId("accept-password").fill("ada's long password");
    await theirs.getByTestId("accept-password-again").fill("ada's long password");
    await theirs.getByTestId("accept-submit").click();
    await expect(theirs).toHaveURL(`${BASE}/`);
    const session = (await (await theirs.request.get("/api/v1/session")).json()) as { user: { email: string; role: string } | null };
    expect(session.user).toMatchObject({ email: "ada@example.com", role: "member" });
    // Used once: the link now says so.
    await theirs.goto(link);
    await expect(theirs.getByTestId("invite-unusable")).toContainText("used already");
  } finally {
    await invitee.close();
  }

  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  const ada = page.locator('[data-testid="member-row"][data-email="ada@example.com"]');
  await expect(ada.getByTestId("member-role")).toHaveValue("member");
  await expect(page.getByTestId("invitations-empty")).toBeVisible();

  // A role change from the keyboard, kept after a reload.
  await ada.getByTestId("member-role").focus();
  await ada.getByTestId("member-role").selectOption("viewer");
  await page.reload();
  await expect(page.locator('[data-testid="member-row"][data-email="ada@example.com"]').getByTestId("member-role")).toHaveValue("viewer");

  // Each step once in the access log, newest first, the joiner's by the joiner.
  await page.getByTestId("settings-tab-access-log").click();
  await expect(page).toHaveURL(/\/settings\/access-log$/);
  const rows = page.getByTestId("access-log-row");
  await expect(rows.nth(0).getByTestId("access-log-row-action")).toHaveText("member.role_change");
  // Joining signs the joiner in: member.join, then the sign-in it opened.
  await expect(rows.nth(1).getByTestId("access-log-row-action")).toHaveText("session.sign_in");
  await expect(rows.nth(1)).toContainText("ada@example.com");
  await expect(rows.nth(2).getByTestId("access-log-row-action")).toHaveText("member.join");
  await expect(rows.nth(2)).toContainText("ada@example.com");
  await expect(rows.nth(3).getByTestId("access-log-row-action")).toHaveText("member.invite");
});
