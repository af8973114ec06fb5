import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { createKeyAuthenticator, KEY_REQUIRED_MESSAGE, type KeyAuthenticator } from "@/lib/auth/authenticator";
import { isAuthUnavailable, isUnauthenticatedRequest } from "@/lib/auth/errors";
import { missingScopeMessage } from "@/lib/auth/scopes";
import { PermissionDeniedError, StoreUnavailableError, UnauthenticatedError } from "@/collector/pipeline/errors";

const EXPORT_KEY_REQUIRED = "An API key is required: send it as x-codon-api-key or Authorization: Bearer <key>";

export { PermissionDeniedError };

export interface Authenticator {
  /** The tenant an export's key sends to; throws UnauthenticatedError, PermissionDeniedError or StoreUnavailableError. */
  tenantFor(key: string | null): Promise<string>;
  /** Drops the cached answers: a key created or revoked in this process applies at once. */
  invalidate(): void;
  /** The same keys (and the dashboard's sessions) for the API, sharing the cache. */
  readonly keys: KeyAuthenticator;
}

/**
 * Exports need a key with the `ingest` scope once any key exists, or while the server listens
 * beyond loopback (`allowKeyless: false`); with no key and a loopback-only server (local use),
 * everything goes to the default tenant. Lookups are cached (lib/auth/authenticator.ts), so a
 * key revoked elsewhere stops working within `cacheMs`.
 */
export function createAuthenticator(db: Kysely<DB>, options: { allowKeyless: boolean; cacheMs?: number }): Authenticator {
  const keys = createKeyAuthenticator(db, options);
  return {
    keys,
    invalidate: () => keys.invalidate(),
    async tenantFor(key) {
      try {
        const principal = await keys.fromKey(key);
        if (!principal.scopes.includes("ingest")) throw new PermissionDeniedError(missingScopeMessage("ingest", principal.scopes));
        return principal.tenantId;
      } catch (error) {
        if (isUnauthenticatedRequest(error)) {
          // Exporters send headers; the dashboard's sign-in is no advice for them.
          throw new UnauthenticatedError(error.message === KEY_REQUIRED_MESSAGE ? EXPORT_KEY_REQUIRED : error.message);
        }
        if (isAuthUnavailable(error)) throw new StoreUnavailableError(error.message);
        throw error;
      }
    },
  };
}
