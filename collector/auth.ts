import type { Kysely } from "kysely";
import { hashApiKey } from "@/lib/auth/api-keys";
import type { DB } from "@/lib/db/types";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { StoreUnavailableError, UnauthenticatedError } from "@/collector/pipeline/errors";

export interface Authenticator {
  /** The tenant a request's key belongs to; throws UnauthenticatedError or StoreUnavailableError. */
  tenantFor(key: string | null): Promise<string>;
  /** Drops the cached answers: a key created or revoked in this process applies at once. */
  invalidate(): void;
}

/**
 * With no key ever created (local use), everything goes to the default tenant. Once a key has
 * been created, every export needs a valid (unrevoked) one. Lookups are cached briefly so ingest does not
 * query the database per export; a revoked key stops working within `cacheMs`.
 */
export function createAuthenticator(db: Kysely<DB>, cacheMs = 5000): Authenticator {
  let keysExist: { value: boolean; at: number } | null = null;
  const byHash = new Map<string, { tenantId: string | null; at: number }>();

  async function anyActiveKey(now: number): Promise<boolean> {
    if (keysExist && now - keysExist.at < cacheMs) return keysExist.value;
    // Revoked keys count: revoking the last key must not open the collector to everyone.
    const row = await db.selectFrom("api_keys").select("id").limit(1).executeTakeFirst();
    keysExist = { value: row !== undefined, at: now };
    return keysExist.value;
  }

  async function lookup(hash: string, now: number): Promise<string | null> {
    const cached = byHash.get(hash);
    if (cached && now - cached.at < cacheMs) return cached.tenantId;
    const row = await db
      .selectFrom("api_keys")
      .select("tenant_id")
      .where("key_hash", "=", hash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (byHash.size > 10_000) byHash.clear();
    byHash.set(hash, { tenantId: row?.tenant_id ?? null, at: now });
    return row?.tenant_id ?? null;
  }

  return {
    invalidate() {
      keysExist = null;
      byHash.clear();
    },
    async tenantFor(key) {
      const now = Date.now();
      try {
        if (!(await anyActiveKey(now))) return DEFAULT_TENANT_ID;
        if (!key) {
          throw new UnauthenticatedError("An API key is required: send it as x-codon-api-key or Authorization: Bearer <key>");
        }
        const tenantId = await lookup(hashApiKey(key), now);
        if (!tenantId) throw new UnauthenticatedError("Unknown or revoked API key");
        return tenantId;
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        throw new StoreUnavailableError("Cannot check the API key: the database is unavailable; retry later");
      }
    },
  };
}
