import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { NotFoundError } from "@/lib/http/not-found";
import { checkText, ParamError } from "@/lib/http/params";
import { DatabaseUnavailableError, isIngestFailure, requireDb, requireIngest } from "@/lib/runtime/registry";
import { ForbiddenError, UnauthenticatedRequestError } from "@/lib/auth/errors";
import { requestApiKey } from "@/lib/auth/request-key";
import { BodyTooLargeError, jsonError, readTextWithLimit, unauthenticated } from "@/lib/http/responses";
import type { z } from "zod";

const log = createLogger("api");

export { NotFoundError };

export interface ReadContext {
  db: Kysely<DB>;
  tenantId: string;
  url: URL;
}

/**
 * The tenant a request acts for, by the collector's rule (cached there, so no query per request):
 * `default` while no API key exists; once one does, the tenant of the key sent as a header or in
 * the dashboard's session cookie, and 401 without a valid one.
 */
async function readTenant(request: Request): Promise<string> {
  return requireIngest().tenantFor(requestApiKey(request));
}

/** A JSON body that does not parse or does not match its schema: 400 naming the first problem. */
export class InvalidBodyError extends Error {
  override name = "InvalidBodyError";
  constructor(
    message: string,
    readonly code = "invalid_body",
  ) {
    super(message);
  }
}

/** How an endpoint names a bad body: error codes its clients know, and what it expected. */
export interface BodyErrorStyle {
  /** Code for a body that is not JSON (default `invalid_body`). */
  notJsonCode?: string;
  /** Code for JSON that does not match the schema (default `invalid_body`). */
  invalidCode?: string;
  /** Appended to schema errors, e.g. the shape expected. */
  expected?: string;
}

/** `items[0].name`: where in the body the first problem is. */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "body";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

/** Reads and validates a JSON body of at most `limit` bytes (413 past it, 400 when invalid). */
export async function readJsonBody<T extends z.ZodType>(request: Request, limit: number, schema: T, style: BodyErrorStyle = {}): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = JSON.parse(await readTextWithLimit(request, limit));
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    throw new InvalidBodyError(`Body is not valid JSON: ${(error as Error).message}`, style.notJsonCode);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const message = `${issuePath(issue?.path ?? [])}: ${issue?.message ?? "invalid"}`;
  throw new InvalidBodyError(style.expected ? `${message} (${style.expected})` : message, style.invalidCode);
}

/**
 * Runs an API handler (reads, and the dashboard's few writes, which act for the same tenant),
 * mapping bad parameters and bodies to 400, a missing key to 401, unknown ids to 404 and the
 * rest to 5xx, in one place.
 */
export async function handleRead(request: Request, handler: (context: ReadContext) => Promise<Response>): Promise<Response> {
  return handleApi(request, async (url) => {
    const db = requireDb();
    const tenantId = await readTenant(request);
    return handler({ db, tenantId, url });
  });
}

/** The same error mapping for the few endpoints that decide on keys themselves (the session). */
export async function handleApi(request: Request, handler: (url: URL) => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  try {
    return await handler(url);
  } catch (error) {
    return errorResponse(request, url, error);
  }
}

function errorResponse(request: Request, url: URL, error: unknown): Response {
  if (error instanceof ParamError) {
    log.info("bad request", { path: url.pathname, param: error.param, error: error.message });
    return jsonError(400, "invalid_parameter", error.message);
  }
  if (error instanceof InvalidBodyError) {
    log.info("bad request body", { path: url.pathname, error: error.message });
    return jsonError(400, error.code, error.message);
  }
  if (error instanceof BodyTooLargeError) return jsonError(413, "payload_too_large", error.message);
  if (error instanceof NotFoundError) return jsonError(404, "not_found", error.message);
  if (error instanceof UnauthenticatedRequestError || (isIngestFailure(error) && error.httpStatus === 401)) {
    const message = (error as Error).message;
    log.info("unauthenticated", { method: request.method, path: url.pathname, error: message });
    return unauthenticated(message);
  }
  if (error instanceof ForbiddenError) {
    log.info("forbidden", { method: request.method, path: url.pathname, error: error.message });
    return jsonError(403, "forbidden", error.message);
  }
  if (error instanceof DatabaseUnavailableError) return jsonError(503, "unavailable", error.message, { "retry-after": "2" });
  if (isIngestFailure(error)) {
    log.warn("request refused", { method: request.method, path: url.pathname, status: error.httpStatus, error: error.message });
    const headers: Record<string, string> = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : {};
    return jsonError(error.httpStatus, "unavailable", error.message, headers);
  }
  log.error("request failed", { method: request.method, path: url.pathname, error: (error as Error).message });
  return jsonError(500, "internal", "The request failed; see the server log");
}

/** Route params are user input too: bounded, non-empty. */
export function checkId(param: string, value: string): string {
  if (!value) throw new ParamError(param, "must not be empty");
  return checkText(param, value);
}

export function json(body: unknown): Response {
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}
