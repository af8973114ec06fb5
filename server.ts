/**
 * One process: the OTLP collector and the Next.js dashboard sharing one database instance.
 * An embedded PGlite database may have only one owner, so both halves live here.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startCollector, type Collector } from "@/collector";
import { loadConfig, type AppConfig } from "@/lib/runtime/config";
import type { Database } from "@/lib/db/client";
import { createLogger } from "@/lib/runtime/log";
import { onShutdownSignal, openAndMigrate } from "@/lib/runtime/bootstrap";
import { serverRuntime } from "@/lib/runtime/registry";
import { explainStartupError } from "@/lib/runtime/startup-errors";

const log = createLogger("server");
const root = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes("--dev");
// React picks its development or production build from NODE_ENV when first loaded.
(process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";

async function ensureProductionBuild(): Promise<void> {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  log.info("No production build found: running `next build` once (a minute or two)...");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit code ${code}); fix the error above and run npm start again`);
}

function listen(server: http.Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

interface Running {
  database: Database | null;
  collector: Collector | null;
  web: http.Server | null;
  closeNext: (() => Promise<void>) | null;
}

/** Stops taking exports and requests, flushes the collector, then closes the database. */
async function stop(running: Running): Promise<void> {
  await running.collector?.close();
  if (running.web) {
    const web = running.web;
    const closed = new Promise<void>((resolve) => web.close(() => resolve()));
    web.closeIdleConnections();
    setTimeout(() => web.closeAllConnections(), 500).unref();
    await closed;
  }
  await running.closeNext?.();
  const runtime = serverRuntime();
  runtime.migrated = false;
  runtime.db = null;
  await running.database?.close();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const running: Running = { database: null, collector: null, web: null, closeNext: null };
  // Registered first, so Ctrl-C during start-up also closes the database cleanly.
  onShutdownSignal(() => stop(running), config.shutdownTimeoutMs);
  try {
    await startAll(config, running);
  } catch (error) {
    // Release the database (and its folder lock) before reporting the failure.
    await stop(running).catch(() => {});
    throw error;
  }
}

async function startAll(config: AppConfig, running: Running): Promise<void> {
  if (!dev) await ensureProductionBuild();
  running.database = await openAndMigrate(config);
  serverRuntime().liveStreams.configure(config.liveStreams);
  running.collector = await startCollector(config, running.database);

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: config.host ?? "localhost", port: config.port });
  await app.prepare();
  running.closeNext = () => app.close();
  const handle = app.getRequestHandler();
  const web = http.createServer((req, res) => void handle(req, res));
  await listen(web, config.port, config.host);
  running.web = web;

  const shown = config.host && config.host !== "0.0.0.0" && config.host !== "::" ? config.host : "localhost";
  console.log(
    [
      "",
      "Codon Observatory is running",
      `  Dashboard:  http://${shown}:${config.port}`,
      `  OTLP gRPC:  http://${shown}:${running.collector.grpcPort}   (OTEL_EXPORTER_OTLP_ENDPOINT for gRPC exporters)`,
      `  OTLP HTTP:  http://${shown}:${running.collector.httpPort}   (POST /v1/traces, /v1/logs)`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  log.error(`Could not start: ${explainStartupError(error)}`);
  process.exit(1);
});
