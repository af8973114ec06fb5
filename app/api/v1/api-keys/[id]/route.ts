import { recordedWrite, recordRefusal } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import { isKeyId } from "@/lib/auth/api-key-params";
import { revokeTenantApiKey } from "@/lib/auth/api-keys";
import { keyAdmin } from "@/lib/auth/key-admin";
import { checkId, handleApi, NotFoundError } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import { requireAuth, requireDb, serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

const log = createLogger("auth");

class NoSuchKey extends Error {}

/** Revokes one of the caller's tenant's keys and ends its sessions: 204, or 404 for a key it does not have. Needs `admin`. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApi(request, async () => {
    const db = requireDb();
    const id = checkId("id", (await context.params).id);
    const principal = await keyAdmin(requireAuth(), request);
    const { tenantId } = principal;
    const entry = { tenantId, action: "api_key.revoke", ...accessContextOf(request, principal), target: { kind: "api_key", id } } as const;
    // A key it does not have rolls the entry back with it and is recorded as failed instead.
    const revoked =
      isKeyId(id) &&
      (await recordedWrite(
        db,
        { ...entry, outcome: "ok" },
        async (trx) => {
          if (!(await revokeTenantApiKey(trx, tenantId, id))) throw new NoSuchKey();
          return true;
        },
        () => ({}),
      ).catch((error: unknown) => {
        if (error instanceof NoSuchKey) return false;
        throw error;
      }));
    if (!revoked) {
      await recordRefusal(db, { ...entry, outcome: "failed", details: { reason: "no_such_key" } });
      throw new NotFoundError(`No API key ${id} in tenant "${tenantId}"`);
    }
    // Forget cached key answers first: the streams' re-check must see the revocation.
    serverRuntime().auth?.invalidate();
    void serverRuntime().liveStreams.keyRevoked(tenantId);
    log.info("API key revoked", { tenant: tenantId, id });
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  });
}
