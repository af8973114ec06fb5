import { isKeyId } from "@/lib/auth/api-key-params";
import { revokeTenantApiKey } from "@/lib/auth/api-keys";
import { keyAdminTenant } from "@/lib/auth/key-admin";
import { requestApiKey } from "@/lib/auth/request-key";
import { checkId, handleRead, NotFoundError } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

const log = createLogger("auth");

/** Revokes one of the caller's tenant's keys: 204, or 404 for a key it does not have. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRead(request, async ({ db }) => {
    const id = checkId("id", (await context.params).id);
    const tenantId = await keyAdminTenant(db, requestApiKey(request));
    if (!isKeyId(id) || !(await revokeTenantApiKey(db, tenantId, id))) throw new NotFoundError(`No API key ${id} in tenant "${tenantId}"`);
    serverRuntime().ingest?.invalidateKeys();
    void serverRuntime().liveStreams.keyRevoked(tenantId);
    log.info("API key revoked", { tenant: tenantId, id });
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  });
}
