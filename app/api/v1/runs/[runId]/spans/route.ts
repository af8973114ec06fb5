import { checkId, handleRead, json, NotFoundError } from "@/lib/http/handler";
import { noteContentRead } from "@/lib/access-log/content-reads";
import { seesContent } from "@/lib/auth/request-principal";
import { hideSpanListContent } from "@/lib/content-visibility/hide";
import { getRun } from "@/lib/runs/queries/run-dag";
import { listRunSpans } from "@/lib/runs/queries/run-spans";
import { encodeSpanCursor, parseSpanListParams } from "@/lib/runs/detail-params";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs/{runId}/spans?view=summary|full&node=&limit=&cursor=: the run's spans in start order. */
export function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  return handleRead(request, async ({ db, readDb, tenantId, url, principal }) => {
    const runId = checkId("runId", (await context.params).runId);
    const params = parseSpanListParams(url.searchParams);
    if (!(await getRun(readDb, tenantId, runId))) throw new NotFoundError(`No run ${runId}`);
    const page = await listRunSpans(readDb, tenantId, runId, params);
    await noteContentRead(db, request, principal, { kind: "run", id: runId }, "spans");
    return json({ spans: seesContent(principal) ? page.spans : page.spans.map(hideSpanListContent), nextCursor: page.nextCursor ? encodeSpanCursor(page.nextCursor) : null });
  });
}
