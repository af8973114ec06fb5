import { requestPrincipal, requireScope } from "@/lib/auth/request-principal";
import { isLocalClient } from "@/lib/http/client-info";
import { requireAuth } from "@/lib/runtime/registry";

// Figures about the server itself (health details, the ingest backlog, metrics) are for this
// machine, which needs no key so a local probe or scraper works even while keys cannot be
// checked, or for a key or session with `read`.

/** Throws as the API does (401 without a valid key, 403 without `read`, 503 while keys cannot be checked) unless the caller may see them. */
export async function checkServerDetailsAccess(request: Request): Promise<void> {
  if (isLocalClient(request)) return;
  requireScope(await requestPrincipal(requireAuth(), request), "read");
}

/** The same rule as a yes or no, for answers that show less rather than refuse. */
export async function mayReadServerDetails(request: Request): Promise<boolean> {
  try {
    await checkServerDetailsAccess(request);
    return true;
  } catch {
    return false;
  }
}
