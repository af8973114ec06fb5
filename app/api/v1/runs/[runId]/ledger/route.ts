import { checkId, handleRead, json, NotFoundError, readJsonBody, type BodyErrorStyle } from "@/lib/http/handler";
import { noteContentRead } from "@/lib/access-log/content-reads";
import { seesContent } from "@/lib/auth/request-principal";
import { hideLedgerContent } from "@/lib/content-visibility/hide";
import { ledgerSchema } from "@/lib/runs/ledger-upload";
import { getRun } from "@/lib/runs/queries/run-dag";
import { listRunLedger } from "@/lib/runs/queries/run-spans";
import { encodeLedgerCursor, parseLedgerParams } from "@/lib/runs/detail-params";
import { requireIngest } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
const MAX_LEDGER_BYTES = 8 * 1024 * 1024;
// Codes SDK users already handle; the shape named so a wrong export is easy to fix.
const LEDGER_BODY: BodyErrorStyle = {
  notJsonCode: "invalid_json",
  invalidCode: "invalid_ledger",
  expected: "expected a list of {event_type, timestamp, token_id, source_node, target_node, metadata}",
};

/** Takes a ledger exported as JSON (the Python SDK's ExecutionReport.ledger) for one run. Needs `ingest`, as OTLP exports do. */
export function POST(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ tenantId }) => {
    const runId = checkId("runId", (await context.params).runId);
    const entries = await readJsonBody(request, MAX_LEDGER_BYTES, ledgerSchema, LEDGER_BODY);
    const result = await requireIngest().ingestLedger(tenantId, runId, entries);
    return json({ runId, stored: result.stored, rejected: result.rejected, errorMessage: result.errorMessage || undefined });
  }, { scope: "ingest" });
}

/** GET /api/v1/runs/{runId}/ledger?limit=&cursor=: the run's audit events in the order they happened. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, readDb, tenantId, url, principal }) => {
    const runId = checkId("runId", (await context.params).runId);
    const params = parseLedgerParams(url.searchParams);
    if (!(await getRun(readDb, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    const page = await listRunLedger(readDb, tenantId, runId, params);
    await noteContentRead(db, request, principal, { kind: "run", id: runId }, "ledger");
    return json({ events: seesContent(principal) ? page.events : page.events.map(hideLedgerContent), nextCursor: page.nextCursor ? encodeLedgerCursor(page.nextCursor) : null });
  });
}
