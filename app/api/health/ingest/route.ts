import { checkServerDetailsAccess } from "@/lib/auth/server-details-access";
import { handleApi, json } from "@/lib/http/handler";
import { ingestReport, requireIngestBacklog, type IngestReport } from "@/lib/runtime/ingest-report";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/ingest: the collector's backlog alone, as health details report it, without
 * their database ping: what the dashboard polls for its "ingest delayed" notice. Same access as
 * the details (this machine, or a `read` key or session); 503 while no collector runs here.
 */
export function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    await checkServerDetailsAccess(request);
    return json(ingestReport(requireIngestBacklog().stats()) satisfies IngestReport);
  });
}
