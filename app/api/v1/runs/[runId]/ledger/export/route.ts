import { appendAccessEntry } from "@/lib/access-log/append";
import { requireContentRight } from "@/lib/auth/request-principal";
import { accessContextOf } from "@/lib/access-log/request-context";
import { checkId, handleRead, NotFoundError } from "@/lib/http/handler";
import { jsonError } from "@/lib/http/responses";
import { getRun } from "@/lib/runs/queries/run-dag";
import { exportRunLedger } from "@/collector/ledger/verify";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{runId}/ledger/export: the run's evidence bundle (codon-ledger-bundle/1), a
 * download that `npx tsx sdk/verify.ts bundle.json` checks offline. 409 until the run is sealed.
 */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(
    request,
    async ({ db, tenantId, principal }) => {
      // The bundle is checked offline byte for byte: its payloads cannot be left out, so no bundle.
      requireContentRight(principal);
      const runId = checkId("runId", (await context.params).runId);
      if (!(await getRun(db, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
      const bundle = await exportRunLedger(db, tenantId, runId);
      if (!bundle) return jsonError(409, "not_sealed", "The run's ledger is not sealed yet: it is sealed a few seconds after the run finishes");
      // Recorded before the file goes out: a download that cannot be recorded (database down) is refused.
      await appendAccessEntry(db, { tenantId, action: "ledger.export", outcome: "ok", ...accessContextOf(request, principal), target: { kind: "run", id: runId }, details: { events: bundle.events.length } });
      const file = `ledger-${runId.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100)}.json`;
      return new Response(JSON.stringify(bundle, null, 2), {
        headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
      });
    },
    // A refused download (a viewer where content is hidden, a key without `read`) is this export's entry.
    { refusedAs: () => "ledger.export" },
  );
}
