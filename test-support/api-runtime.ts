// Test support. Route handlers read the database and the collector's authenticator from
// serverRuntime(), which server.ts fills; this fills it the same way around a real in-process
// collector, and puts it back afterwards.
import { startCollector, type Collector } from "@/collector";
import { CodonWorkload } from "@/sdk";
import { startCodonTelemetry } from "@/sdk/otel";
import type { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db/client";
import type { TestBackend, TestDatabase } from "@/lib/db/testing/backends";
import type { DB } from "@/lib/db/types";
import { serverRuntime } from "@/lib/runtime/registry";
import { forgetAttempts } from "@/lib/auth/attempts";

const COLLECTOR_CONFIG = { host: "127.0.0.1", otlpGrpcPort: 0, otlpHttpPort: 0, otlpMaxBodyBytes: 4 * 1024 * 1024, runIdleSeconds: 30 };

export interface ApiRuntime {
  collector(): Collector;
  /** A fresh collector (and authenticator), so no cached answer of the old one applies. */
  restartCollector(): Promise<void>;
  close(): Promise<void>;
}

export async function wireServerRuntime(database: Database): Promise<ApiRuntime> {
  const runtime = serverRuntime();
  const saved = { db: runtime.db, backend: runtime.backend, migrated: runtime.migrated, setupTokenHash: runtime.setupTokenHash };
  let collector = await startCollector(COLLECTOR_CONFIG, database);
  Object.assign(runtime, { db: database.kysely, backend: database.backend, migrated: true, setupTokenHash: null });
  // A new server process counts no failed sign-ins yet.
  forgetAttempts();
  return {
    collector: () => collector,
    async restartCollector() {
      await collector.close();
      collector = await startCollector(COLLECTOR_CONFIG, database);
    },
    async close() {
      await collector.close();
      Object.assign(runtime, saved);
    },
  };
}

/** Runs a one-node workload through the TypeScript SDK's gRPC exporter into the collector (its input `question`, its output `answer to <question>`); resolves once it is stored. */
export async function sendRun(collector: Collector, runId: string, apiKey?: string, question = "q"): Promise<void> {
  const telemetry = startCodonTelemetry({
    protocol: "grpc",
    endpoint: `http://127.0.0.1:${collector.grpcPort}`,
    serviceName: "auth-test",
    ...(apiKey ? { apiKey } : {}),
  });
  const agent = new CodonWorkload({ name: "Auth Agent", version: "1.0.0", orgNamespace: "acme" });
  agent.addNode<string>((question) => `answer to ${question}`, { name: "answer", role: "llm" });
  try {
    await agent.execute(question, { runId, observer: telemetry.observer });
  } finally {
    const stats = await telemetry.shutdown();
    if (stats.spans.failed > 0) throw new Error(`export of ${runId} failed: ${stats.spans.lastError}`);
  }
}

/** A request to a route handler as the browser or a script would send it. */
export function apiRequest(
  path: string,
  options: { method?: string; key?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
}

/** Route params as Next passes them. */
export const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });

/**
 * A fresh migrated database on `backend` with the server runtime wired around it, opened before
 * the enclosing suite's tests and closed after them: what route tests share.
 */
export function apiSuite(backend: TestBackend): { db(): Kysely<DB> } {
  let handle: TestDatabase | undefined;
  let server: ApiRuntime | undefined;
  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });
  return {
    db: () => {
      if (!handle) throw new Error("the API suite has not started yet (use it inside tests and hooks)");
      return handle.database.kysely;
    },
  };
}
