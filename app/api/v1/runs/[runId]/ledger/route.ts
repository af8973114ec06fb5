import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { ledgerSchema } from "@/lib/runs/ledger-upload";
import { getRun } from "@/lib/runs/queries/run-dag";
import { listRunLedger } from "@/lib/runs/queries/run-spans";
import { encodeLedgerCursor, parseLedgerParams } from "@/lib/runs/detail-params";
import { createLogger } from "@/lib/runtime/log";
import { requestApiKey } from "@/lib/auth/request-key";
import { BodyTooLargeError, jsonError, readTextWithLimit } from "@/lib/http/responses";
import { isIngestFailure, serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
const log = createLogger("api");
const MAX_LEDGER_BYTES = 8 * 1024 * 1024;

/** Takes a ledger exported as JSON (the Python SDK's ExecutionReport.ledger) for one run. */
export async function POST(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  const { runId } = await context.params;
  if (!runId || runId.length > 200) return jsonError(400, "invalid_run_id", "runId must be 1-200 characters");
  const ingest = serverRuntime().ingest;
  if (!ingest) return jsonError(503, "unavailable", "The collector is not running; retry shortly", { "retry-after": "5" });
  try {
    const tenantId = await ingest.tenantFor(requestApiKey(request));
    let body: unknown;
    try {
      body = JSON.parse(await readTextWithLimit(request, MAX_LEDGER_BYTES));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return jsonError(413, "payload_too_large", error.message);
      return jsonError(400, "invalid_json", `Body is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = ledgerSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("") : "body";
      return jsonError(400, "invalid_ledger", `${where}: ${issue.message} (expected a list of {event_type, timestamp, token_id, source_node, target_node, metadata})`);
    }
    const result = await ingest.ingestLedger(tenantId, runId, parsed.data);
    return Response.json({ runId, stored: result.stored, rejected: result.rejected, errorMessage: result.errorMessage || undefined });
  } catch (error) {
    if (isIngestFailure(error)) {
      log.warn("ledger refused", { runId, status: error.httpStatus, error: error.message });
      const headers: Record<string, string> = error.retryAfterSeconds !== null ? { "retry-after": String(error.retryAfterSeconds) } : {};
      return jsonError(error.httpStatus, error.httpStatus === 401 ? "unauthenticated" : "ingest_failed", error.message, headers);
    }
    log.error("ledger failed", { runId, error: (error as Error).message });
    return jsonError(500, "internal", "Storing the ledger failed; see the server log");
  }
}

/** GET /api/v1/runs/{runId}/ledger?limit=&cursor=: the run's audit events in the order they happened. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, url }) => {
    const runId = checkId("runId", (await context.params).runId);
    const params = parseLedgerParams(url.searchParams);
    if (!(await getRun(db, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    const page = await listRunLedger(db, tenantId, runId, params);
    return json({ events: page.events, nextCursor: page.nextCursor ? encodeLedgerCursor(page.nextCursor) : null });
  });
}
