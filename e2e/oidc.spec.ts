import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";
import { startTestProvider, type TestProvider } from "@/test-support/oidc-provider";

// Single sign-on in a real browser against a real OpenID Connect provider (oidc-provider, run in
// this process). The dashboard is opened as `localhost` and the provider answers on `127.0.0.1`:
// two sites, as in production, so the browser applies its cross-site cookie rules to the
// redirects (the session cookie is SameSite=Strict, the flow cookie Lax).
const PORTS = { web: 3290 + E2E_PORT_OFFSET, grpc: 14407 + E2E_PORT_OFFSET, http: 14408 + E2E_PORT_OFFSET };
const BASE = `http://localhost:${PORTS.web}`;
const CLIENT = { clientId: "observatory-e2e", clientSecret: "e2e client secret" };

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let provider: TestProvider;
let server: ServerProcess | null = null;

/** `npm run user -- create`, as an operator runs it before the server starts. */
function createUserWithCli(email: string): void {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/user.ts", "create", email, "--tenant", "default", "--role", "owner"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", CODON_USER_PASSWORD: "a long enough password" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run user failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

test.beforeAll(async () => {
  // Creating the user and starting a server each start Node and open the database: slow on a busy machine.
  test.setTimeout(180_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-oidc-"));
  createUserWithCli("owner@example.com");
  provider = await startTestProvider({
    ...CLIENT,
    redirectUris: [`${BASE}/api/v1/session/oidc/callback`],
    accounts: {
      "sso-owner": { email: "owner@example.com", emailVerified: true },
      "sso-stranger": { email: "stranger@example.com", emailVerified: true },
      "sso-invitee": { email: "Invitee@Example.com", emailVerified: true },
    },
  });
  server = spawnServer({
    HOST: "127.0.0.1",
    PORT: String(PORTS.web),
    OTLP_GRPC_PORT: String(PORTS.grpc),
    OTLP_HTTP_PORT: String(PORTS.http),
    DATA_DIR: dataDir,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT.clientId,
    OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    OIDC_LABEL: "Sign in with Acme SSO",
  });
  await waitForHealthy(server, PORTS.web);
});

test.afterAll(async () => {
  if (server) expect((await server.stop("SIGINT")).code).toBe(0);
  await provider?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** From a page that needs signing in, through the SSO button and the provider's login and consent forms. */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto("/costs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcosts$/);
  const button = page.getByTestId("oidc-sign-in");
  await expect(button).toHaveText("Sign in with Acme SSO");
  await button.click();
  await signInAtProvider(page, login);
}

/** The provider's development login and consent forms. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** In a browser of their own (never signed in, here or at the provider): the invitation link, then its SSO button. */
async function acceptWithSso(browser: Browser, link: string, login: string, work: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ baseURL: BASE });
  try {
    const page = await context.newPage();
    await page.goto(link);
    await expect(page.getByTestId("accept-form")).toHaveAttribute("data-mode", "new");
    const button = page.getByTestId("oidc-accept");
    await expect(button).toHaveText("Sign in with Acme SSO");
    await button.click();
    await signInAtProvider(page, login);
    await work(page);
  } finally {
    await context.close();
  }
}

test("a user signs in with SSO and lands, signed in, on the page they asked for", async ({ page }) => {
  await signInWithSso(page, "sso-owner");
  await expect(page).toHaveURL(`${BASE}/costs`);
  await expect(page.getByTestId("session-tenant")).toHaveText("default");
  const session = await page.evaluate(() => fetch("/api/v1/session").then((response) => response.json()));
  expect(session).toMatchObject({ signedIn: true, tenantId: "default", user: { email: "owner@example.com", role: "owner" } });
  // The flow cookie was for one sign-in only.
  expect((await page.context().cookies(BASE)).map((cookie) => cookie.name)).toEqual(["codon_session"]);
});

test("someone who is not a user here is refused with what to do", async ({ page }) => {
  await signInWithSso(page, "sso-stranger");
  await expect(page).toHaveURL(`${BASE}/sign-in/sso?error=not_invited`);
  await expect(page.getByTestId("sso-refused-not_invited")).toContainText("Ask an admin for an invitation");
  const session = await page.evaluate(() => fetch("/api/v1/session").then((response) => response.json()));
  expect(session).toMatchObject({ signedIn: false });
});

test("an invited person accepts with SSO, without a password, and lands signed in with the invited role", async ({ page, browser }) => {
  await signInWithSso(page, "sso-owner");
  await page.goto("/settings/members");
  await page.getByTestId("invite-email").fill("invitee@example.com");
  await page.getByTestId("invite-role").selectOption("member");
  await page.getByTestId("invite-submit").click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${BASE}/invite/coi_[A-Za-z0-9_-]{43}$`));

  // Someone else at the provider: refused with what went wrong, and the link still works.
  await acceptWithSso(browser, link, "sso-stranger", async (theirs) => {
    await expect(theirs).toHaveURL(`${BASE}/sign-in/sso?error=invitation_email`);
    await expect(theirs.getByTestId("sso-refused-invitation_email")).toContainText("did not confirm the email address this invitation is for");
  });

  await acceptWithSso(browser, link, "sso-invitee", async (theirs) => {
    await expect(theirs).toHaveURL(`${BASE}/`);
    await expect(theirs.getByTestId("session-tenant")).toHaveText("default");
    const session = await theirs.evaluate(() => fetch("/api/v1/session").then((response) => response.json()));
    expect(session).toMatchObject({ signedIn: true, tenantId: "default", user: { email: "invitee@example.com", role: "member" } });
    expect((await theirs.context().cookies(BASE)).map((cookie) => cookie.name)).toEqual(["codon_session"]);
    // Used once: the link now says so.
    await theirs.goto(link);
    await expect(theirs.getByTestId("invite-unusable")).toContainText("used already");
  });

  await page.reload();
  await expect(page.locator('[data-testid="member-row"][data-email="invitee@example.com"]')).toBeVisible();
});
