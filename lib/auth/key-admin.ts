import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { activeKeyTenant, anyApiKeyExists, insertApiKey, lockKeyCreation, type CreatedApiKey } from "@/lib/auth/api-keys";
import { ForbiddenError, UnauthenticatedRequestError } from "@/lib/auth/errors";

// Key management checks the caller in the database, not through the collector's 5 s cache: right
// after the first key is created that cache still says "no keys yet", and acting on it would let
// anyone mint or revoke keys for a moment. These calls are rare, so the query costs nothing.

export const KEY_REQUIRED_MESSAGE =
  "An API key is required: send it as Authorization: Bearer <key> or x-codon-api-key, or sign in to the dashboard";

/** The tenant whose keys the caller manages: its key's tenant, or `default` while no key exists at all. */
export async function keyAdminTenant(db: Kysely<DB>, callerKey: string | null): Promise<string> {
  const tenantId = callerKey ? await activeKeyTenant(db, callerKey) : null;
  if (tenantId) return tenantId;
  if (!(await anyApiKeyExists(db))) return DEFAULT_TENANT_ID;
  throw new UnauthenticatedRequestError(callerKey ? "Unknown or revoked API key" : KEY_REQUIRED_MESSAGE);
}

export interface KeyRequest {
  name: string | null;
  /** Omitted: the caller's tenant (or `default` for the first key). */
  tenantId?: string;
}

/**
 * Creates a key. The first key ever may be created by anyone, for any tenant (bootstrap: until
 * then the server is open anyway); after that only a caller with a valid key, for its own tenant.
 */
export async function createKeyAs(db: Kysely<DB>, callerKey: string | null, wanted: KeyRequest): Promise<CreatedApiKey & { bootstrap: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Locked before the check, so two callers cannot both take the bootstrap.
    await lockKeyCreation(trx);
    if (!(await anyApiKeyExists(trx))) {
      return { ...(await insertApiKey(trx, wanted.tenantId ?? DEFAULT_TENANT_ID, wanted.name)), bootstrap: true };
    }
    const callerTenant = callerKey ? await activeKeyTenant(trx, callerKey) : null;
    if (!callerTenant) throw new UnauthenticatedRequestError(callerKey ? "Unknown or revoked API key" : KEY_REQUIRED_MESSAGE);
    if (wanted.tenantId !== undefined && wanted.tenantId !== callerTenant) {
      throw new ForbiddenError(`Your key belongs to tenant "${callerTenant}"; it cannot create keys for tenant "${wanted.tenantId}"`);
    }
    return { ...(await insertApiKey(trx, callerTenant, wanted.name)), bootstrap: false };
  });
}
