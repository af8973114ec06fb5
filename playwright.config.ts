import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { findChromium } from "@/e2e/chromium";
import { E2E_PORTS } from "@/e2e/ports";

// One fresh embedded database per run; workers inherit the variable, so all see the same folder.
process.env.CODON_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "codon-e2e-"));
const baseURL = `http://127.0.0.1:${E2E_PORTS.web}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [
    // The shell checks empty states, so it runs before anything seeds the shared server's database.
    { name: "empty-database", testMatch: /shell\.spec\.ts/, use: { browserName: "chromium" } },
    { name: "with-data", testIgnore: /(shell|demo)\.spec\.ts/, dependencies: ["empty-database"], use: { browserName: "chromium" } },
    // `npm run demo` fills the database with a hundred runs; last, so the other specs' counts hold.
    { name: "demo", testMatch: /demo\.spec\.ts/, dependencies: ["with-data"], use: { browserName: "chromium" } },
  ],
  webServer: {
    command: "node --import tsx server.ts",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      HOST: "127.0.0.1",
      PORT: String(E2E_PORTS.web),
      OTLP_GRPC_PORT: String(E2E_PORTS.grpc),
      OTLP_HTTP_PORT: String(E2E_PORTS.http),
      DATA_DIR: process.env.CODON_E2E_DATA_DIR,
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      // Verdicts follow new runs within seconds, not a minute, so the demo spec sees them.
      VERDICT_INTERVAL_SECONDS: "2",
      // Alert webhooks go to a receiver the alerts spec runs on this machine.
      ALERT_WEBHOOK_HOSTS: "127.0.0.1",
      ALERT_INTERVAL_SECONDS: "2",
      // Ledgers are sealed and signed within seconds, so the ledger spec sees a verified badge.
      AUDIT_SEAL_SECONDS: "1",
      AUDIT_CHECKPOINT_SECONDS: "2",
    },
  },
});
