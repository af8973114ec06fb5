import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { getRun } from "@/lib/runs/queries/run-dag";
import { verifyRunLedger } from "@/collector/ledger/verify";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/ledger/verify: the run's ledger recomputed against its seal and signed checkpoint: verified, pending or broken (at which event). */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, tenantId }) => {
    const runId = checkId("runId", (await context.params).runId);
    // The primary: a replica may lag behind the seal it is checked against.
    if (!(await getRun(db, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    return json(await verifyRunLedger(db, tenantId, runId));
  });
}
