/**
 * One process: the OTLP collector and the Next.js dashboard sharing one database instance.
 * An embedded PGlite database may have only one owner, so both halves live here.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startCollector, type Collector } from "@/collector";
import { loadConfig, type AppConfig } from "@/lib/runtime/config";
import type { Database } from "@/lib/db/client";
import { createLogger } from "@/lib/runtime/log";
import { onShutdownSignal, openAndMigrate, openReadReplica } from "@/lib/runtime/bootstrap";
import { serverRuntime } from "@/lib/runtime/registry";
import { setDefaultRetentionDays } from "@/lib/retention/policy";
import { setMaxDagNodes } from "@/lib/runtime/dag-limit";
import { setOidcSettings } from "@/lib/auth/oidc/settings";
import { explainStartupError } from "@/lib/runtime/startup-errors";
import { installProcessFaultPolicy } from "@/lib/runtime/process-faults";
import { anyCredentialExists } from "@/lib/auth/credentials";
import { issueSetupToken } from "@/lib/auth/setup-token";
import { allowedHosts, defaultAllowedHostEntries, describeAllowedHosts, type AllowedHosts } from "@/lib/http/allowed-hosts";
import { guardRequest } from "@/lib/http/web-guard";
import { isLoopbackHost, isWildcardHost } from "@/lib/runtime/bind";
import { readTlsMaterial } from "@/lib/runtime/tls";

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

function listen(server: http.Server | https.Server, port: number, host: string | undefined): Promise<void> {
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
  /** DATABASE_READ_URL's replica, for the dashboard's read-only queries. */
  replica: Database | null;
  collector: Collector | null;
  web: http.Server | https.Server | null;
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
  runtime.readDb = null;
  await running.replica?.close();
  await running.database?.close();
}

async function main(): Promise<void> {
  // Known faults recover; any other uncaught error exits non-zero for a supervisor to restart.
  installProcessFaultPolicy();
  const config = loadConfig();
  const running: Running = { database: null, replica: null, collector: null, web: null, closeNext: null };
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

/** The Host names the dashboard answers to (lib/http/allowed-hosts.ts): ALLOWED_HOSTS, else from the bind address. */
function hostAllowList(config: AppConfig, bindHost: string | undefined): AllowedHosts {
  if (config.allowedHosts) return allowedHosts(config.allowedHosts);
  const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
  return allowedHosts(defaultAllowedHostEntries(bindHost, { hostname: os.hostname(), addresses }, isWildcardHost(bindHost)));
}

async function startAll(config: AppConfig, running: Running): Promise<void> {
  // Read before anything starts, so a bad certificate path fails fast with its variable's name.
  const tls = config.tls ? readTlsMaterial(config.tls) : null;
  if (!dev) await ensureProductionBuild();
  running.database = await openAndMigrate(config);
  running.replica = await openReadReplica(config);
  serverRuntime().liveStreams.configure(config.liveStreams);
  setMaxDagNodes(config.maxDagNodes);
  setDefaultRetentionDays(config.retentionDays);
  setOidcSettings(config.oidc);
  if (config.oidc) log.info("OpenID Connect sign-in is on", { issuer: config.oidc.issuer, client: config.oidc.clientId });
  // Binds loopback only while no key or user exists and HOST is unset (lib/runtime/bind.ts); the dashboard follows.
  running.collector = await startCollector({ ...config, tls }, running.database);
  const bindHost = running.collector.host;
  const firstKeyNeeded = !(await anyCredentialExists(running.database.kysely));
  const setupToken = firstKeyNeeded ? issueSetupToken() : null;

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: bindHost ?? "localhost", port: config.port });
  await app.prepare();
  running.closeNext = () => app.close();
  const handle = app.getRequestHandler();
  const guard = { allowedHosts: hostAllowList(config, bindHost), trustProxy: config.trustProxy, dev };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (guardRequest(req, res, guard)) void handle(req, res);
  };
  const web = tls ? https.createServer({ cert: tls.cert, key: tls.key }, onRequest) : http.createServer(onRequest);
  await listen(web, config.port, bindHost);
  running.web = web;

  const shown = bindHost && !isWildcardHost(bindHost) ? (bindHost.includes(":") ? `[${bindHost}]` : bindHost) : "localhost";
  const scheme = tls ? "https" : "http";
  const dashboard = `${scheme}://${shown}:${config.port}`;
  console.log(
    [
      "",
      "Codon Observatory is running",
      `  Dashboard:  ${dashboard}`,
      `  OTLP gRPC:  ${scheme}://${shown}:${running.collector.grpcPort}   (OTEL_EXPORTER_OTLP_ENDPOINT for gRPC exporters)`,
      `  OTLP HTTP:  ${scheme}://${shown}:${running.collector.httpPort}   (POST /v1/traces, /v1/logs, /v1/metrics)`,
      `  Listening on ${bindHost === undefined ? "every interface" : isWildcardHost(bindHost) ? `every interface (HOST=${bindHost})` : bindHost}; answering to host names ${describeAllowedHosts(guard.allowedHosts)}`,
      ...accessNotice(running.collector.keyless, bindHost, setupToken, dashboard),
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

/** What the start banner says about keys: open on loopback, or locked until the first key exists. */
function accessNotice(keyless: boolean, bindHost: string | undefined, setupToken: string | null, dashboard: string): string[] {
  if (!setupToken) return ["  API keys:   required (a key or user exists); exporters need a key with the ingest scope, people sign in"];
  const create = [
    `  Create the first owner (email and password) or an admin key at ${dashboard}/sign-in with this one-time setup token,`,
    "  or stop the server and run `npm run user -- create <email>` (or `npm run apikey -- create <tenant> [name] --scope admin`):",
    "",
    `    Setup token: ${setupToken}`,
    "",
  ];
  if (keyless) {
    return [
      `  API keys:   none yet, so this server listens on ${isLoopbackHost(bindHost) ? bindHost : "loopback"} only (this machine) and needs no key.`,
      "  To accept other machines, create the first owner or key, then restart (HOST picks the interface; unset, every interface once one exists).",
      ...create,
    ];
  }
  return [
    `  API keys:   none yet, and HOST=${bindHost ?? ""} listens beyond this machine, so every request and export needs a key:`,
    "  nothing is accepted until the first owner or key exists.",
    ...create,
  ];
}

main().catch((error: unknown) => {
  log.error(`Could not start: ${explainStartupError(error)}`);
  process.exit(1);
});
