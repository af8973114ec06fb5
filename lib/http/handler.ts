import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { NotFoundError } from "@/lib/http/not-found";
import { ConflictError, GoneError } from "@/lib/http/conflict";
import { checkText, ParamError } from "@/lib/http/params";
import { DatabaseUnavailableError, isIngestFailure, requireAuth, requireDb, requireReadDb } from "@/lib/runtime/registry";
import { databaseErrorCode, isTransientDatabaseError } from "@/lib/db/errors";
import type { Principal } from "@/lib/auth/authenticator";
import { isAuthUnavailable, isForbidden, isMissingScope, isTooManyAttempts, isUnauthenticatedRequest } from "@/lib/auth/errors";
import { refusing, requestPrincipal, requireScope } from "@/lib/auth/request-principal";
import type { Scope } from "@/lib/auth/scopes";
import { BodyTooLargeError, jsonError, readTextWithLimit, unauthenticated } from "@/lib/http/responses";
import { checkJsonContentType, checkSameOrigin, CrossSiteRequestError, UnsupportedMediaTypeError } from "@/lib/http/same-origin";
import type { z } from "zod";
import { newErrorId } from "@/lib/runtime/error-id";
import type { AccessAction } from "@/lib/access-log/entry";
import { recordRefusedRequest } from "@/lib/access-log/refusals";

const log = createLogger("api");

export { ConflictError, GoneError, NotFoundError };

export interface ReadContext {
  /** The primary: writes, and reads that must see them. */
  db: Kysely<DB>;
  /** The replica when one is configured (requireReadDb): read-only queries that may lag. */
  readDb: Kysely<DB>;
  tenantId: string;
  principal: Principal;
  url: URL;
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

/** Reads and validates a JSON body of at most `limit` bytes (415 unless `application/json`, 413 past the limit, 400 when invalid). */
export async function readJsonBody<T extends z.ZodType>(request: Request, limit: number, schema: T, style: BodyErrorStyle = {}): Promise<z.output<T>> {
  checkJsonContentType(request);
  let body: unknown;
  try {
    body = JSON.parse(await readTextWithLimit(request, limit));
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    throw new InvalidBodyError(`Body is not valid JSON: ${(error as Error).message}`, style.notJsonCode);
  }
  return validateBody(schema, body, style);
}

/** Validates a parsed body against `schema`; throws InvalidBodyError naming the first problem (`items[0].name: ...`). */
export function validateBody<T extends z.ZodType>(schema: T, body: unknown, style: BodyErrorStyle = {}): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const message = `${issuePath(issue?.path ?? [])}: ${issue?.message ?? "invalid"}`;
  throw new InvalidBodyError(style.expected ? `${message} (${style.expected})` : message, style.invalidCode);
}

/**
 * Runs an API handler for the tenant of the request's key or session (cached by the
 * authenticator, so no query per request), which must hold `scope` (default `read`; writes say
 * theirs): a missing or invalid key is 401, a missing scope 403. On a server with no key that
 * listens on loopback only, every request acts for `default` with every scope.
 */
export async function handleRead(request: Request, handler: (context: ReadContext) => Promise<Response>, options: { scope?: Scope } & ApiOptions = {}): Promise<Response> {
  return handleApi(
    request,
    async (url) => {
      const db = requireDb();
      const principal = requireScope(await requestPrincipal(requireAuth(), request), options.scope ?? "read");
      try {
        return await handler({ db, readDb: requireReadDb(), tenantId: principal.tenantId, principal, url });
      } catch (error) {
        // Any other 403 of a known caller here is their role's (only owners make or unmake owners).
        if (isForbidden(error) && !error.refusal) refusing(error, principal, "role");
        throw error;
      }
    },
    options,
  );
}

export interface ApiOptions {
  /** The access-log action a refusal here is (a download's own, so a refused export is that export's entry); default `request.denied`. */
  refusedAs?: (url: URL) => AccessAction;
}

/**
 * The one error mapping (bad parameters and bodies 400, a missing key 401, a missing scope or a
 * cross-site write 403, unknown ids 404, a conflicting state 409, a used-up link 410, the rest 5xx), for endpoints that decide on keys
 * themselves too. Writes must come from this origin (lib/http/same-origin.ts). A 403 that names
 * the caller it refused is recorded in the access log first (ADR 0013).
 */
export async function handleApi(request: Request, handler: (url: URL) => Promise<Response>, options: ApiOptions = {}): Promise<Response> {
  const url = new URL(request.url);
  try {
    checkSameOrigin(request);
    return await handler(url);
  } catch (error) {
    await noteRefusal(request, url, error, options);
    return errorResponse(request, url, error);
  }
}

/** A right check's refusal of a known caller goes to the access log (best effort, bounded: lib/access-log/refusals.ts). */
async function noteRefusal(request: Request, url: URL, error: unknown, options: ApiOptions): Promise<void> {
  if (!isForbidden(error) || !error.refusal) return;
  let db: Kysely<DB>;
  try {
    db = requireDb();
  } catch {
    return;
  }
  await recordRefusedRequest(db, request, error.refusal, options.refusedAs?.(url));
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
  if (error instanceof UnsupportedMediaTypeError) {
    log.info("unsupported body type", { method: request.method, path: url.pathname, error: error.message });
    return jsonError(415, "unsupported_media_type", error.message);
  }
  if (error instanceof NotFoundError) return jsonError(404, "not_found", error.message);
  if (error instanceof ConflictError) return jsonError(409, "conflict", error.message);
  if (error instanceof GoneError) return jsonError(410, "gone", error.message);
  if (error instanceof CrossSiteRequestError) {
    log.warn("cross-site request refused", { method: request.method, path: url.pathname, origin: request.headers.get("origin") });
    return jsonError(403, "cross_site_request", error.message);
  }
  if (isUnauthenticatedRequest(error)) {
    log.info("unauthenticated", { method: request.method, path: url.pathname, error: error.message });
    return unauthenticated(error.message);
  }
  if (isMissingScope(error)) {
    log.info("missing scope", { method: request.method, path: url.pathname, scope: error.scope });
    return jsonError(403, "forbidden", error.message, { "www-authenticate": `Bearer error="insufficient_scope", scope="${error.scope}"` });
  }
  if (isForbidden(error)) {
    log.info("forbidden", { method: request.method, path: url.pathname, error: error.message });
    return jsonError(403, "forbidden", error.message);
  }
  if (isTooManyAttempts(error)) {
    log.warn("too many attempts", { method: request.method, path: url.pathname });
    return jsonError(429, "too_many_attempts", error.message, { "retry-after": String(error.retryAfterSeconds) });
  }
  if (error instanceof DatabaseUnavailableError || isAuthUnavailable(error)) {
    return jsonError(503, "unavailable", error.message, { "retry-after": "2" });
  }
  if (isTransientDatabaseError(error)) {
    // The database's state, not the request's fault: the details stay in the log.
    log.warn("database unavailable", { method: request.method, path: url.pathname, code: databaseErrorCode(error) ?? null, error: error instanceof Error ? error.message : String(error) });
    return jsonError(503, "unavailable", "The database is unavailable; retry shortly", { "retry-after": "2" });
  }
  if (isIngestFailure(error) && error.httpStatus !== 500) {
    log.warn("request refused", { method: request.method, path: url.pathname, status: error.httpStatus, error: error.message });
    const headers: Record<string, string> = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : {};
    return jsonError(error.httpStatus, "unavailable", error.message, headers);
  }
  return internalError(request, url, error);
}

/** A 500 tells the caller nothing of the cause, only an id that finds the log line that does. */
function internalError(request: Request, url: URL, error: unknown): Response {
  const errorId = newErrorId();
  log.error("request failed", { errorId, method: request.method, path: url.pathname, error: error instanceof Error ? error.message : String(error) });
  return Response.json(
    { error: { code: "internal", message: `Internal error (error id ${errorId})`, errorId } },
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}

/** Route params are user input too: bounded, non-empty. */
export function checkId(param: string, value: string): string {
  if (!value) throw new ParamError(param, "must not be empty");
  return checkText(param, value);
}

export function json(body: unknown): Response {
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}
