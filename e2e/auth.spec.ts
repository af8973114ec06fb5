import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CodonWorkload } from "@/sdk";
import { startCodonTelemetry } from "@/sdk/otel";
import { spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";

// A server of its own (data folder and ports), because once a key exists every read needs one
// and the other specs share a key-less server.
const PORTS = { web: 3250, grpc: 14377, http: 14378 };
const BASE = `http://127.0.0.1:${PORTS.web}`;
const runId = `auth-e2e-${Date.now().toString(36)}`;

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let server: ServerProcess | null = null;
let key: string;

/** `npm run apikey -- create`, as an operator runs it: against the data folder, while no server owns it. */
function createKeyWithCli(tenant: string): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/apikey.ts", "create", tenant, "e2e"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run apikey failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  // The key is printed alone on its line; the "Created API key cok_xxxxxx…" line shows only its prefix.
  const printed = /^\s+(cok_[A-Za-z0-9_-]{20,})\s*$/m.exec(result.stdout)?.[1];
  if (!printed) throw new Error(`no key in the output:\n${result.stdout}`);
  return printed;
}

/** One run for the key's tenant, through the TypeScript SDK's gRPC exporter with the key. */
async function sendRun(apiKey: string): Promise<void> {
  const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${PORTS.grpc}`, serviceName: "auth-e2e", apiKey });
  const agent = new CodonWorkload({ name: "Signed Agent", version: "1.0.0", orgNamespace: "acme" });
  agent.addNode<string>((question) => `answer to ${question}`, { name: "answer", role: "llm" });
  try {
    await agent.execute("q", { runId, observer: telemetry.observer });
  } finally {
    const stats = await telemetry.shutdown();
    if (stats.spans.failed > 0) throw new Error(`export failed: ${stats.spans.lastError}`);
  }
}

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-auth-"));
  key = createKeyWithCli("acme");
  server = spawnServer({
    HOST: "127.0.0.1",
    PORT: String(PORTS.web),
    OTLP_GRPC_PORT: String(PORTS.grpc),
    OTLP_HTTP_PORT: String(PORTS.http),
    DATA_DIR: dataDir,
  });
  await waitForHealthy(server, PORTS.web);
  await sendRun(key);
});

test.afterAll(async () => {
  if (server) expect((await server.stop("SIGINT")).code).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("the API answers 401 without a key and the key's tenant with it", async ({ request }) => {
  const anonymous = await request.get("/api/v1/runs");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toBe("Bearer");
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

  const wrong = await request.get("/api/v1/runs", { headers: { authorization: "Bearer cok_notthekeynotthekey" } });
  expect(wrong.status()).toBe(401);

  const keyed = await request.get("/api/v1/runs", { headers: { authorization: `Bearer ${key}` } });
  expect(keyed.status()).toBe(200);
  expect(((await keyed.json()) as { runs: { runId: string }[] }).runs.map((run) => run.runId)).toEqual([runId]);

  const session = await request.get("/api/v1/session");
  expect(await session.json()).toEqual({ keysRequired: true, signedIn: false, tenantId: null });
});

test("a page sends you to sign in; a wrong key says so; the right one lands on the runs of its tenant", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(`${BASE}/sign-in?next=%2F`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  const field = page.getByLabel("API key");
  await expect(field).toHaveAttribute("type", "password");
  await expect(field).toBeFocused();
  await expect(page.getByTestId("sign-in-form")).toContainText("npm run apikey -- create <tenant> [name]");
  await page.screenshot({ path: "e2e/artifacts/sign-in.png", fullPage: true });

  await field.fill("cok_notthekeynotthekey");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("sign-in-error")).toHaveText("This API key was not accepted: it is unknown or has been revoked.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toBeFocused();
  await expect(page).toHaveURL(/\/sign-in\?/);

  await field.fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE}/`);
  await expect(page.getByTestId("session-tenant")).toHaveText("acme");
  await expect(page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`)).toBeVisible();
  // The cookie is HttpOnly: page scripts cannot read the key.
  expect(await page.evaluate(() => document.cookie)).not.toContain("codon_session");
  // Client-side reads (the list's live refresh, the API from the page) carry the cookie.
  expect(await page.evaluate(async () => (await fetch("/api/v1/runs")).status)).toBe(200);
  await page.screenshot({ path: "e2e/artifacts/signed-in.png", fullPage: true });
});

test("signing out ends the session; a deep link comes back after signing in, never to another site", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("session-tenant")).toHaveText("acme");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE}/sign-in`);
  await expect(page.getByTestId("session")).toHaveCount(0);
  expect(await page.evaluate(async () => (await fetch("/api/v1/runs")).status)).toBe(401);

  await page.goto("/workloads?window=7d");
  await expect(page).toHaveURL(`${BASE}/sign-in?next=${encodeURIComponent("/workloads?window=7d")}`);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE}/workloads?window=7d`);
  await expect(page.getByRole("heading", { level: 1, name: "Workloads" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE}/sign-in`);
  await page.goto("/sign-in?next=//example.com/");
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE}/`);
});

test("the Connect page stays open when signed out, without the runs", async ({ page }) => {
  await page.goto("/connect");
  await expect(page).toHaveURL(`${BASE}/connect`);
  await expect(page.getByTestId("first-run-status")).toHaveAttribute("data-state", "signed-out");
  await expect(page.getByTestId("api-key-notice")).toHaveAttribute("data-state", "on");
  await expect(page.getByTestId("first-run-sign-in")).toHaveAttribute("href", "/sign-in?next=%2Fconnect");
  await expect(page.getByTestId("nav-sign-in")).toHaveAttribute("href", "/sign-in?next=%2Fconnect");
});
