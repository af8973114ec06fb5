import { checkServerDetailsAccess } from "@/lib/auth/server-details-access";
import { handleApi } from "@/lib/http/handler";
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from "@/lib/http/prometheus-text";
import { ingestMetrics } from "@/lib/runtime/ingest-metrics";
import { requireIngestBacklog } from "@/lib/runtime/ingest-report";

export const dynamic = "force-dynamic";

/**
 * GET /api/metrics: the collector's backlog in Prometheus's text format, for this machine or a
 * `read` key (401 / 403 otherwise, as the API answers). 503 while no collector runs in this
 * process (starting or stopping), so a scrape then counts as down rather than as an empty spool.
 */
export function GET(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    await checkServerDetailsAccess(request);
    const body = prometheusText(ingestMetrics(requireIngestBacklog().stats()));
    return new Response(body, { headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
  });
}
