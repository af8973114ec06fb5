import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CodonWorkload } from "@/sdk";
import { startCodonTelemetry } from "@/sdk/otel";
import { untilStored } from "@/e2e/send";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { createKeyWithCli, spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";

// A server of its own (data folder and ports), because once a key exists every read needs one
// and the other specs share a key-less server.
const PORTS = { web: 3250 + E2E_PORT_OFFSET, grpc: 14377 + E2E_PORT_OFFSET, http: 14378 + E2E_PORT_OFFSET };
const BASE = `http://127.0.0.1:${PORTS.web}`;
const runId = `auth-e2e-${Date.now().toString(36)}`;

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let server: ServerProcess | null = null;
let key: string;
let ingestKey: string;

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
  await untilStored(PORTS.web);
}

test.beforeAll(async () => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-auth-"));
  key = createKeyWithCli(dataDir, "acme", "read");
  ingestKey = createKeyWithCli(dataDir, "acme", "ingest");
  server = spawnServer({
    HOST: "127.0.0.1",
    PORT: String(PORTS.web),
    OTLP_GRPC_PORT: String(PORTS.grpc),
    OTLP_HTTP_PORT: String(PORTS.http),
    DATA_DIR: dataDir,
  });
  await waitForHealthy(server, PORTS.web);
  await sendRun(ingestKey);
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
  expect(await session.json()).toEqual({ keyMode: "keys", keysRequired: true, signedIn: false, tenantId: null, scopes: [], user: null, tenants: [] });

  // An exporter's key sends, and opens nothing else.
  const exporter = await request.get("/api/v1/runs", { headers: { authorization: `Bearer ${ingestKey}` } });
  expect(exporter.status()).toBe(403);
  expect(((await exporter.json()) as { error: { message: string } }).error.message).toContain('"read" scope');
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
  // The cookie is HttpOnly (page scripts cannot read it) and holds a session id, never the key.
  expect(await page.evaluate(() => document.cookie)).not.toContain("codon_session");
  const cookie = (await page.context().cookies()).find((c) => c.name === "codon_session");
  expect(cookie?.value).toMatch(/^cos_/);
  expect(cookie?.value).not.toContain(key);
  // Client-side reads (the list's live refresh, the API from the page) carry the cookie.
  expect(await page.evaluate(async () => (await fetch("/api/v1/runs")).status)).toBe(200);
  await page.screenshot({ path: "e2e/artifacts/signed-in.png", fullPage: true });
});

test("signing out ends the session on the server; a deep link comes back after signing in, never to another site", async ({ page, context }) => {
  await page.goto("/sign-in");
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("session-tenant")).toHaveText("acme");
  const session = (await context.cookies()).find((c) => c.name === "codon_session")!;

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE}/sign-in`);
  await expect(page.getByTestId("session")).toHaveCount(0);
  expect(await page.evaluate(async () => (await fetch("/api/v1/runs")).status)).toBe(401);
  // The old cookie, put back (copied, stolen), opens nothing: the session ended on the server.
  await context.addCookies([session]);
  expect(await page.evaluate(async () => (await fetch("/api/v1/runs")).status)).toBe(401);
  await context.clearCookies();

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
  await expect(page.getByTestId("api-key-notice")).not.toContainText("active");
  await expect(page.getByTestId("first-run-sign-in")).toHaveAttribute("href", "/sign-in?next=%2Fconnect");
  await expect(page.getByTestId("nav-sign-in")).toHaveAttribute("href", "/sign-in?next=%2Fconnect");
});
