import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { CodonWorkload } from "@/sdk";
import { startCodonTelemetry } from "@/sdk/otel";
import { untilStored } from "@/e2e/send";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { createKeyWithCli, spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";

// People signing in: an owner made with `npm run user`, a member of a second tenant as a viewer,
// signs in with email and password, switches tenants from the header, and signs out. A server of
// its own, because once a user exists every read needs a session or key.
const PORTS = { web: 3280 + E2E_PORT_OFFSET, grpc: 14397 + E2E_PORT_OFFSET, http: 14398 + E2E_PORT_OFFSET };
const BASE = `http://127.0.0.1:${PORTS.web}`;
const runId = `users-e2e-${Date.now().toString(36)}`;
const EMAIL = "ada@example.com";
const PASSWORD = "analytical engine 1843";

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let server: ServerProcess | null = null;
let readKey: string;

/** `npm run user -- <args>` against the spec's data folder, the password from the environment. */
function userCli(...args: string[]): string {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/user.ts", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", CODON_USER_PASSWORD: PASSWORD },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run user failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test.beforeAll(async () => {
  // Four runs of the command line (each opens and migrates the embedded database) and a server start.
  test.setTimeout(240_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-users-"));
  expect(userCli("create", EMAIL, "--tenant", "acme", "--name", "Ada")).toContain(`Created user ${EMAIL}`);
  expect(userCli("add", EMAIL, "--tenant", "beta", "--role", "viewer")).toContain("viewer of tenant \"beta\"");
  expect(userCli("list")).toMatch(/ada@example\.com\tacme:owner,beta:viewer\tactive\tAda/);
  const ingestKey = createKeyWithCli(dataDir, "acme", "ingest");
  // Made now: the embedded database is the server's alone once it runs.
  readKey = createKeyWithCli(dataDir, "acme", "read");
  server = spawnServer({ HOST: "127.0.0.1", PORT: String(PORTS.web), OTLP_GRPC_PORT: String(PORTS.grpc), OTLP_HTTP_PORT: String(PORTS.http), DATA_DIR: dataDir });
  await waitForHealthy(server, PORTS.web);
  const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${PORTS.grpc}`, serviceName: "users-e2e", apiKey: ingestKey });
  const agent = new CodonWorkload({ name: "People Agent", version: "1.0.0", orgNamespace: "acme" });
  agent.addNode<string>((question) => `answer to ${question}`, { name: "answer", role: "llm" });
  try {
    await agent.execute("q", { runId, observer: telemetry.observer });
  } finally {
    await telemetry.shutdown();
  }
  await untilStored(PORTS.web);
});

test.afterAll(async () => {
  if (server) expect((await server.stop("SIGINT")).code).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("signs in with email and password, switches tenants from the header, and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(`${BASE}/sign-in?next=%2F`);
  // People have accounts here, so the form starts on email and password.
  await expect(page.getByTestId("sign-in-method-password")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("sign-in-email").fill(EMAIL);
  await page.getByTestId("sign-in-password").fill("not the password");
  await page.getByTestId("sign-in-password").press("Enter");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await expect(page.getByTestId("sign-in-email")).toBeFocused();

  await page.getByTestId("sign-in-password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(`${BASE}/`);
  await expect(page.getByTestId("session-user")).toHaveText(`${EMAIL} · Owner`);
  await expect(page.getByTestId("session-tenant")).toHaveText("acme");
  const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  await expect(row).toBeVisible();

  // The switcher is a plain select: keyboard and screen readers work as with any.
  const switcher = page.getByTestId("session-tenant-switch");
  await expect(switcher).toHaveValue("acme");
  await switcher.selectOption("beta");
  await expect(page.getByTestId("session-user")).toHaveText(`${EMAIL} · Viewer`);
  await expect(page.getByTestId("session-tenant")).toHaveText("beta");
  await expect(row).toHaveCount(0);

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(`${BASE}/sign-in`);
  expect((await page.request.get("/api/v1/runs")).status()).toBe(401);
});

test("an API key still signs in, from the form's other choice", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "API key" }).click();
  await expect(page.getByLabel("API key")).toBeFocused();
  await page.getByTestId("sign-in-key").fill(readKey);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(`${BASE}/`);
  await expect(page.getByTestId("session-tenant")).toHaveText("acme");
  await expect(page.getByTestId("session-user")).toHaveCount(0);
});
