import { createApiKeyBody, encodeApiKeyCursor, parseApiKeyListParams } from "@/lib/auth/api-key-params";
import { listTenantApiKeys } from "@/lib/auth/api-keys";
import { createKeyAs, keyAdminTenant } from "@/lib/auth/key-admin";
import { requestApiKey } from "@/lib/auth/request-key";
import { handleApi, handleRead, json, readJsonBody } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import type { ApiKeyCreated, ApiKeyPage } from "@/lib/openapi/wire-types";
import { requireDb, serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;

/** The caller's tenant's keys, newest first: `{keys, nextCursor}`. */
export async function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, url }) => {
    const tenantId = await keyAdminTenant(db, requestApiKey(request));
    const { keys, lastId } = await listTenantApiKeys(db, tenantId, parseApiKeyListParams(url.searchParams));
    return json({ keys, nextCursor: lastId ? encodeApiKeyCursor(lastId) : null } satisfies ApiKeyPage);
  });
}

/**
 * Creates a key and shows it once: `201 {id, tenantId, name, prefix, key}`. The first key may be
 * created without one (see lib/auth/key-admin.ts), so this checks the caller itself rather than
 * through handleRead, whose cached answer may still say "no keys yet".
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const db = requireDb();
    const body = await readJsonBody(request, MAX_BODY_BYTES, createApiKeyBody);
    const created = await createKeyAs(db, requestApiKey(request), { name: body.name, ...(body.tenantId ? { tenantId: body.tenantId } : {}) });
    serverRuntime().ingest?.invalidateKeys();
    log.info("API key created", { tenant: created.tenantId, prefix: created.prefix, bootstrap: created.bootstrap });
    return Response.json(
      { id: created.id, tenantId: created.tenantId, name: body.name ?? null, prefix: created.prefix, key: created.key } satisfies ApiKeyCreated,
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  });
}
