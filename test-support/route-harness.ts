import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { apiRequest } from "@/test-support/api-runtime";

// Calls a route handler by URL, as Next would route it: the contract tests walk every operation
// of the OpenAPI document this way, without a browser or a built dashboard.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

/** `/api/v1/runs/r1/spans` → the file app/api/v1/runs/[runId]/spans/route.ts and `{ runId: "r1" }`. */
function resolveRoute(pathname: string): { file: string; params: Record<string, string> } {
  let dir = path.join(process.cwd(), "app");
  const params: Record<string, string> = {};
  for (const segment of pathname.split("/").filter(Boolean)) {
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

/** Calls the handler of `method` for `urlPath` (e.g. `/api/v1/runs/abc?limit=2`). */
export async function callRoute(
  method: string,
  urlPath: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const { file, params } = resolveRoute(new URL(urlPath, "http://observatory.test").pathname);
  const module = (await import(pathToFileURL(file).href)) as Record<string, Handler | undefined>;
  const handler = module[method.toUpperCase()];
  if (!handler) throw new Error(`${file} has no ${method.toUpperCase()} handler`);
  return handler(apiRequest(urlPath, { method: method.toUpperCase(), ...init }), { params: Promise.resolve(params) });
}
