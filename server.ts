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
import { startCollector, type Collector } from "./collector";
import { ConfigError, describeDatabase, loadConfig, type AppConfig } from "./lib/config";
import { openDatabase, type Database } from "./lib/db/client";
import { DataDirLockedError } from "./lib/db/data-dir-lock";
import { migrateToLatest } from "./lib/db/migrate";
import { createLogger } from "./lib/log";
import { serverRuntime } from "./lib/runtime/registry";

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
  database: Database;
  collector: Collector | null;
  web: http.Server | null;
  closeNext: (() => Promise<void>) | null;
}

async function stop(running: Running, config: AppConfig, signal: string): Promise<never> {
  const runtime = serverRuntime();
  runtime.shuttingDown = true;
  log.info(`${signal} received: stopping (pending writes are flushed first)`);
  const deadline = setTimeout(() => {
    log.error(`Shutdown did not finish within ${config.shutdownTimeoutMs} ms; exiting anyway`);
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  try {
    await running.collector?.close();
    if (running.web) {
      const web = running.web;
      const closed = new Promise<void>((resolve) => web.close(() => resolve()));
      web.closeIdleConnections();
      setTimeout(() => web.closeAllConnections(), 500).unref();
      await closed;
    }
    await running.closeNext?.();
    runtime.migrated = false;
    runtime.db = null;
    await running.database.close();
    log.info("Stopped cleanly");
    process.exit(0);
  } catch (error) {
    log.error("Error while stopping", { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!dev) await ensureProductionBuild();

  log.info(`Opening ${describeDatabase(config)}`);
  const database = await openDatabase(config);
  const running: Running = { database, collector: null, web: null, closeNext: null };
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(running, config, signal);
    });
  }

  const runtime = serverRuntime();
  runtime.db = database.kysely;
  runtime.backend = database.backend;
  const applied = await migrateToLatest(database.kysely);
  runtime.migrated = true;
  log.info(applied.length ? `Applied ${applied.length} migration(s)` : "Database schema is up to date");

  running.collector = await startCollector(config);

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

function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EADDRINUSE") {
    const port = (error as { port?: number }).port;
    return `Port ${port ?? ""} is already in use. Stop what holds it or choose another port (PORT, OTLP_GRPC_PORT, OTLP_HTTP_PORT).`;
  }
  if (code === "ECONNREFUSED") return `Cannot reach the database at DATABASE_URL (connection refused). Is PostgreSQL running?`;
  if (error instanceof Error && /No address added out of total|EADDRINUSE/.test(error.message)) {
    return `The gRPC port is already in use (${error.message}). Choose another with OTLP_GRPC_PORT.`;
  }
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

main().catch((error: unknown) => {
  log.error(`Could not start: ${explain(error)}`);
  process.exit(1);
});
