import { mayReadServerDetails } from "@/lib/auth/server-details-access";
import { checkHealth, type HealthReport } from "@/lib/runtime/health";

export const dynamic = "force-dynamic";

/** 200 when healthy, 503 otherwise. Anyone learns `status`; the database, receivers, backend and ingest backlog only local or `read` callers. */
export async function GET(request: Request): Promise<Response> {
  const report = await checkHealth();
  // No valid key, or keys cannot be checked now: up/down only.
  const body: HealthReport = (await mayReadServerDetails(request)) ? report : { status: report.status };
  return Response.json(body, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
