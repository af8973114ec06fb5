import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { researchWriterAgent } from "@/collector/testing/sdk-workloads";
import { startCodonTelemetry } from "@/sdk/otel";
import { verifyBundle } from "@/sdk/src/ledger-chain/bundle";
import { E2E_PORT_OFFSET, E2E_PORTS } from "@/e2e/ports";
import { spawnServer, waitForHealthy } from "@/e2e/server-process";

// Issue 24 in the browser: a finished run's ledger is sealed and signed within seconds (the e2e
// server seals every 1 s and signs every 2 s), its badge says verified, and its evidence bundle
// verifies offline with the key Settings → Audit publishes. On a server of its own on PostgreSQL,
// an audit event edited in the database turns the badge red at that event, and the bundle fails.

async function sendRun(grpcPort: number, runId: string): Promise<void> {
  const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${grpcPort}`, serviceName: "ledger-e2e" });
  try {
    // Its own workload name: the demo spec counts the demo's Research Writer versions.
    await researchWriterAgent("Ledger Writer").execute("tidal power", { runId, deploymentId: "prod", observer: telemetry.observer });
  } finally {
    const stats = await telemetry.shutdown();
    expect(stats.spans.failed + stats.logs.failed).toBe(0);
  }
}

async function badgeOf(page: Page, baseUrl: string, runId: string) {
  await page.goto(`${baseUrl}/runs/${encodeURIComponent(runId)}`);
  return page.getByTestId("ledger-badge");
}

test("a finished run's ledger is verified, and its evidence verifies offline with the published key", async ({ page, request, baseURL }) => {
  const runId = `ledger-e2e-${Date.now().toString(36)}`;
  await sendRun(E2E_PORTS.grpc, runId);
  await expect.poll(async () => ((await (await request.get(`/api/v1/runs/${runId}/ledger/verify`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe("verified");

  const badge = await badgeOf(page, baseURL!, runId);
  await expect(badge).toHaveAttribute("data-status", "verified");
  await expect(badge).toHaveText("✓ ledger verified");

  await page.goto("/settings/audit");
  const keyId = (await page.locator('[data-testid="audit-key"][data-current="true"]').getByTestId("audit-key-id").textContent())!;
  const published = (await (await request.get("/api/v1/audit/public-key")).json()) as { keys: { keyId: string; current: boolean }[] };
  expect(published.keys.find((key) => key.current)?.keyId).toBe(keyId);

  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  const download = page.waitForEvent("download");
  await page.getByTestId("ledger-export-link").click();
  const file = await (await download).path();
  const bundle = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  expect(verifyBundle(bundle, { trustedKeyIds: [keyId] })).toEqual({ status: "verified", problems: [] });
});

test("an event edited in the database turns the badge red at that event, and the bundle fails offline", async ({ page }) => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  test.skip(!adminUrl, "TEST_DATABASE_URL is not set: no PostgreSQL server to tamper with");
  test.setTimeout(120_000);
  const ports = { web: 3260 + E2E_PORT_OFFSET, grpc: 14367 + E2E_PORT_OFFSET, http: 14368 + E2E_PORT_OFFSET };
  const name = `codon_e2e_ledger_${process.pid}_${Date.now()}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-ledger-e2e-"));
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const server = spawnServer({
    HOST: "127.0.0.1", PORT: String(ports.web), OTLP_GRPC_PORT: String(ports.grpc), OTLP_HTTP_PORT: String(ports.http),
    DATABASE_URL: url.toString(), AUDIT_SEAL_SECONDS: "1", AUDIT_CHECKPOINT_SECONDS: "1", DATA_DIR: dataDir,
  });
  const base = `http://127.0.0.1:${ports.web}`;
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await waitForHealthy(server, ports.web);
    const runId = `ledger-tamper-${Date.now().toString(36)}`;
    await sendRun(ports.grpc, runId);
    await expect.poll(async () => ((await (await page.request.get(`${base}/api/v1/runs/${runId}/ledger/verify`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe("verified");
    await expect(await badgeOf(page, base, runId)).toHaveAttribute("data-status", "verified");

    // The reviewer's verdict on the first draft, rewritten to approve it.
    const [victim] = await db<{ id: string }[]>`select id::text from audit_events where run_id = ${runId} and event_type = 'review_verdict' order by time_unix_nano limit 1`;
    await db`update audit_events set metadata = ${db.json({ round: 1, approved: true })} where id = ${victim!.id}::int8`;

    const badge = await badgeOf(page, base, runId);
    await expect(badge).toHaveAttribute("data-status", "broken");
    await expect(badge).toHaveText(/^✗ ledger broken at event \d+$/);
    await expect(badge).toHaveClass(/text-red-800/);
    const bundle = (await (await page.request.get(`${base}/api/v1/runs/${runId}/ledger/export`)).json()) as unknown;
    expect(verifyBundle(bundle).status).toBe("broken");
  } finally {
    await db.end();
    expect((await server.stop("SIGINT")).code).toBe(0);
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
