import path from "node:path";
import { pathToFileURL } from "node:url";
import { startCollector, type Collector } from "../../collector";
import type { TestDatabase } from "../db/testing";
import { serverRuntime, type ServerRuntime } from "../runtime/registry";

// Route handlers called in-process, as Next would call them, on a real database with the real
// collector running: the API's tests without a browser or a built dashboard.

const COLLECTOR_CONFIG = { host: "127.0.0.1", otlpGrpcPort: 0, otlpHttpPort: 0, otlpMaxBodyBytes: 4 * 1024 * 1024, runIdleSeconds: 30 };

export interface RouteHarness {
  collector: Collector;
  /** Calls the handler of `method` for `urlPath` (e.g. `/api/v1/runs/abc?limit=2`). */
  call(method: string, urlPath: string, init?: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
  close(): Promise<void>;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

/** `/api/v1/runs/r1/spans` → the file app/api/v1/runs/[runId]/spans/route.ts and `{ runId: "r1" }`. */
async function resolveRoute(pathname: string): Promise<{ file: string; params: Record<string, string> }> {
  const fs = await import("node:fs");
  const segments = pathname.split("/").filter(Boolean);
  let dir = path.join(process.cwd(), "app");
  const params: Record<string, string> = {};
  for (const segment of segments) {
    const literal = path.join(dir, decodeURIComponent(segment));
    if (fs.existsSync(literal) && fs.statSync(literal).isDirectory()) {
      dir = literal;
      continue;
    }
    const dynamic = fs.readdirSync(dir).find((entry) => /^\[[^\].]+\]$/.test(entry));
    if (!dynamic) throw new Error(`No route for ${pathname}`);
    params[dynamic.slice(1, -1)] = decodeURIComponent(segment);
    dir = path.join(dir, dynamic);
  }
  return { file: path.join(dir, "route.ts"), params };
}

export async function startRouteHarness(handle: TestDatabase): Promise<RouteHarness> {
  const runtime = serverRuntime();
  const saved: Partial<ServerRuntime> = { db: runtime.db, backend: runtime.backend, migrated: runtime.migrated };
  Object.assign(runtime, { db: handle.database.kysely, backend: handle.database.backend, migrated: true });
  const collector = await startCollector(COLLECTOR_CONFIG, handle.database);
  return {
    collector,
    async call(method, urlPath, init = {}) {
      const url = new URL(urlPath, "http://observatory.test");
      const { file, params } = await resolveRoute(url.pathname);
      const module = (await import(pathToFileURL(file).href)) as Record<string, Handler | undefined>;
      const handler = module[method.toUpperCase()];
      if (!handler) throw new Error(`${file} has no ${method.toUpperCase()} handler`);
      const hasBody = init.body !== undefined;
      const request = new Request(url, {
        method: method.toUpperCase(),
        headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...init.headers },
        ...(hasBody ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
      return handler(request, { params: Promise.resolve(params) });
    },
    async close() {
      await collector.close();
      Object.assign(runtime, saved);
    },
  };
}
