import { appendAccessEntry } from "@/lib/access-log/append";
import { accessContextOf } from "@/lib/access-log/request-context";
import { createApiKeyBody, encodeApiKeyCursor, parseApiKeyListParams } from "@/lib/auth/api-key-params";
import { listTenantApiKeys } from "@/lib/auth/api-keys";
import { checkAttemptBudget, countFailedAttempt } from "@/lib/auth/attempts";
import { isUnauthenticatedRequest } from "@/lib/auth/errors";
import { createKeyAs, keyAdmin, keyCreator } from "@/lib/auth/key-admin";
import { forgetSetupToken } from "@/lib/auth/setup-token";
import { handleApi, json, readJsonBody } from "@/lib/http/handler";
import { createLogger } from "@/lib/runtime/log";
import type { ApiKeyCreated, ApiKeyPage } from "@/lib/openapi/wire-types";
import { requireAuth, requireDb, serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

const log = createLogger("auth");
const MAX_BODY_BYTES = 4 * 1024;

/** The caller's tenant's keys, newest first: `{keys, nextCursor}`. Needs `admin`. */
export async function GET(request: Request): Promise<Response> {
  return handleApi(request, async (url) => {
    const db = requireDb();
    const { tenantId } = await keyAdmin(requireAuth(), request);
    const { keys, lastId } = await listTenantApiKeys(db, tenantId, parseApiKeyListParams(url.searchParams));
    return json({ keys, nextCursor: lastId ? encodeApiKeyCursor(lastId) : null } satisfies ApiKeyPage);
  });
}

/**
 * Creates a key and shows it once: `201 {id, tenantId, name, prefix, scopes, key}`. Needs an admin
 * key (for its own tenant), or for the first key the setup token (lib/auth/key-admin.ts); the
 * caller is checked in the database, not through the authenticator's cache.
 */
export async function POST(request: Request): Promise<Response> {
  return handleApi(request, async () => {
    const db = requireDb();
    checkAttemptBudget(request);
    const body = await readJsonBody(request, MAX_BODY_BYTES, createApiKeyBody);
    let creator;
    try {
      creator = await keyCreator(requireAuth(), request);
    } catch (error) {
      // Guessing setup tokens or keys costs attempts, as signing in does.
      if (isUnauthenticatedRequest(error)) countFailedAttempt(request);
      throw error;
    }
    const principal = creator.kind === "admin" ? creator.principal : null;
    const context = accessContextOf(request, principal);
    const wanted = { name: body.name, ...(body.tenantId ? { tenantId: body.tenantId } : {}), ...(body.scopes ? { scopes: body.scopes } : {}) };
    // Inside createKeyAs's transaction, so the key and its entry commit together; the tenant is known only once it decides.
    const created = await db.transaction().execute(async (trx) => {
      const key = await createKeyAs(trx, creator, wanted);
      await appendAccessEntry(trx, {
        tenantId: key.tenantId,
        action: "api_key.create",
        outcome: "ok",
        ...context,
        ...(principal ? {} : { actor: { kind: "anonymous", keyId: null, label: "setup-token" } }),
        target: { kind: "api_key", id: key.id },
        details: { prefix: key.prefix, scopes: key.scopes.join(","), name: body.name ?? null, bootstrap: key.bootstrap },
      });
      return key;
    });
    if (created.bootstrap) forgetSetupToken();
    serverRuntime().auth?.invalidate();
    log.info("API key created", { tenant: created.tenantId, prefix: created.prefix, scopes: created.scopes.join(","), bootstrap: created.bootstrap });
    return Response.json(
      { id: created.id, tenantId: created.tenantId, name: body.name ?? null, prefix: created.prefix, scopes: created.scopes, key: created.key } satisfies ApiKeyCreated,
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  });
}
