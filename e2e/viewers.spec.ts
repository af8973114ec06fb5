import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { expect, request, test, type Page } from "@playwright/test";
import { CodonWorkload } from "@/sdk";
import { startCodonTelemetry } from "@/sdk/otel";
import { untilStored } from "@/e2e/send";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { createKeyWithCli, spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";

// Issue 25: a viewer of a tenant that hides inputs and outputs sees them as hidden, the run's
// secret nowhere on the page, and no control the server would refuse; a member sees both. A
// server of its own: once a user exists every read needs a session or key.
const PORTS = { web: 3300 + E2E_PORT_OFFSET, grpc: 14417 + E2E_PORT_OFFSET, http: 14418 + E2E_PORT_OFFSET };
const BASE = `http://127.0.0.1:${PORTS.web}`;
const suffix = Date.now().toString(36);
const runId = `viewers-e2e-${suffix}`;
const SECRET = `launch-code-${suffix}`;
const PASSWORD = "a long enough password 1843";
const OWNER = "owner@example.com";
const MEMBER = "member@example.com";
const VIEWER = "viewer@example.com";

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let server: ServerProcess | null = null;

/** `npm run user -- <args>` against the spec's data folder, the password from the environment. */
function userCli(...args: string[]): void {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/user.ts", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", CODON_USER_PASSWORD: PASSWORD },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run user failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

async function signIn(page: Page, email: string): Promise<void> {
  const response = await page.request.post("/api/v1/session", { data: { email, password: PASSWORD } });
  expect(response.status()).toBe(200);
}

test.beforeAll(async () => {
  // Four runs of the command line (each opens and migrates the embedded database) and a server start.
  test.setTimeout(240_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-viewers-"));
  userCli("create", OWNER, "--tenant", "acme", "--role", "owner");
  userCli("create", MEMBER, "--tenant", "acme", "--role", "member");
  userCli("create", VIEWER, "--tenant", "acme", "--role", "viewer");
  const ingestKey = createKeyWithCli(dataDir, "acme", "ingest");
  server = spawnServer({ HOST: "127.0.0.1", PORT: String(PORTS.web), OTLP_GRPC_PORT: String(PORTS.grpc), OTLP_HTTP_PORT: String(PORTS.http), DATA_DIR: dataDir });
  await waitForHealthy(server, PORTS.web);

  const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${PORTS.grpc}`, serviceName: "viewers-e2e", apiKey: ingestKey });
  const agent = new CodonWorkload({ name: "Viewer Agent", version: "1.0.0", orgNamespace: "acme" });
  agent.addNode<string>((question) => `the answer holds ${question}`, { name: "answer", role: "llm" });
  try {
    await agent.execute(SECRET, { runId, observer: telemetry.observer });
  } finally {
    await telemetry.shutdown();
  }
  await untilStored(PORTS.web);

  // The owner keeps inputs and outputs from this tenant's viewers, as Settings → Members does.
  const owner = await request.newContext({ baseURL: BASE });
  try {
    expect((await owner.post("/api/v1/session", { data: { email: OWNER, password: PASSWORD } })).status()).toBe(200);
    expect((await owner.put("/api/v1/settings/viewers", { data: { seesContent: false }, headers: { origin: BASE } })).status()).toBe(200);
  } finally {
    await owner.dispose();
  }
});

test.afterAll(async () => {
  if (server) expect((await server.stop("SIGINT")).code).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a member sees the run's inputs and outputs and gives feedback", async ({ page }) => {
  await signIn(page, MEMBER);
  await page.goto(`/runs/${runId}?node=answer`);
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector.getByTestId("inspector-input")).toContainText(SECRET);
  await expect(inspector.getByTestId("inspector-output")).toContainText(`the answer holds ${SECRET}`);

  // From the keyboard: the inspector's button opens the Scores tab's form.
  await inspector.getByTestId("inspector-give-feedback").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/tab=scores/);
  const form = page.getByTestId("feedback-form");
  await expect(form).toBeVisible();
  await expect(page.getByTestId("feedback-not-allowed")).toHaveCount(0);
  // The radio is drawn as a button: its label takes the click.
  await form.locator("label", { has: page.getByTestId("feedback-up") }).click();
  await form.getByTestId("feedback-submit").click();
  await expect(page.getByTestId("feedback-done")).toContainText("recorded");
  await expect(page.getByTestId("score-row")).toHaveCount(1);
  await expect(page.getByTestId("score-delete")).toBeVisible();
});

test("a viewer of a tenant that hides content sees it hidden, the secret nowhere, and no score form", async ({ page }) => {
  // Every answer the page reads from the API, to check none carries the secret.
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/api/")) bodies.push(response.text().catch(() => ""));
  });
  await signIn(page, VIEWER);

  await page.goto(`/runs/${runId}?node=answer`);
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector.getByTestId("inspector-input")).toHaveText("Hidden for viewers");
  await expect(inspector.getByTestId("inspector-output")).toHaveText("Hidden for viewers");
  await expect(inspector.getByTestId("inspector-input")).toHaveAttribute("data-content-hidden", "true");
  await expect(inspector.getByTestId("inspector-give-feedback")).toHaveCount(0);

  // The Spans and Logs tabs read content too; the logs' message search is refused to this viewer, so not offered.
  await page.getByTestId("run-tab-spans").click();
  await expect(page).toHaveURL(/tab=spans/);
  await page.getByTestId("run-tab-logs").click();
  await expect(page.getByTestId("logs-filter-text-off")).toBeVisible();
  await expect(page.getByTestId("logs-filter-text")).toHaveCount(0);

  await page.getByTestId("run-tab-scores").click();
  await expect(page.getByTestId("score-row")).toHaveCount(1);
  await expect(page.getByTestId("feedback-not-allowed")).toContainText("Viewers can't add or delete scores");
  await expect(page.getByTestId("feedback-form")).toHaveCount(0);
  await expect(page.getByTestId("score-delete")).toHaveCount(0);

  expect(await page.content()).not.toContain(SECRET);
  const read = await Promise.all(bodies);
  expect(read.length).toBeGreaterThan(3);
  for (const body of read) expect(body).not.toContain(SECRET);

  // Settings are read-only to a viewer, and the admin-only pages are not offered.
  await page.goto("/settings/prices");
  await expect(page.getByTestId("prices-not-allowed")).toBeVisible();
  await expect(page.getByTestId("settings-tab-prices")).toBeVisible();
  await expect(page.getByTestId("settings-tab-members")).toHaveCount(0);
});
