import { requestPrincipal } from "@/lib/auth/request-principal";
import { isLocalClient } from "@/lib/http/client-info";
import { checkHealth, type HealthReport } from "@/lib/runtime/health";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

/** Whether the caller may see more than up/down: this machine, or a key (or session) with `read`. */
async function mayReadDetails(request: Request): Promise<boolean> {
  if (isLocalClient(request)) return true;
  const auth = serverRuntime().auth;
  if (!auth) return false;
  try {
    return (await requestPrincipal(auth, request)).scopes.includes("read");
  } catch {
    // No valid key, or keys cannot be checked now: up/down only.
    return false;
  }
}

/** 200 when healthy, 503 otherwise. Anyone learns `status`; the database, receivers and backend only local or `read` callers. */
export async function GET(request: Request): Promise<Response> {
  const report = await checkHealth();
  const body: HealthReport = (await mayReadDetails(request)) ? report : { status: report.status };
  return Response.json(body, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
