import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { DEFAULT_TENANT_ID } from "@/lib/auth/tenancy";
import { insertApiKey, lockKeyCreation, type CreatedApiKey } from "@/lib/auth/api-keys";
import { anyCredentialExists } from "@/lib/auth/credentials";
import { isOpenPrincipal, type KeyAuthenticator, type Principal } from "@/lib/auth/authenticator";
import { ForbiddenError, UnauthenticatedRequestError } from "@/lib/auth/errors";
import { requestCredential } from "@/lib/auth/request-key";
import { refusing, requestPrincipal, requireScope } from "@/lib/auth/request-principal";
import { DEFAULT_KEY_SCOPES, FIRST_KEY_SCOPES, normalizeScopes, type Scope } from "@/lib/auth/scopes";
import { isSetupTokenShaped, matchesSetupToken } from "@/lib/auth/setup-token";

// Key management asks the database, not the authenticator's cache: right after the first key is
// created that cache may still say "no keys yet" (open), and acting on it would let anyone mint
// or revoke keys for a moment. These calls are rare, so the queries cost nothing.

export const FIRST_KEY_MESSAGE =
  "No API key exists yet. Create the first one with `npm run apikey -- create <tenant>` on the server, or send the setup token the server printed at start as Authorization: Bearer <setup token>";

/** The caller of a key-management request, checked now and required to hold `admin`. */
export async function keyAdmin(auth: KeyAuthenticator, request: Request): Promise<Principal> {
  return requireScope(await requestPrincipal(auth, request, { fresh: true }), "admin");
}

/** Who is creating a key: an admin principal, or the holder of the setup token (first key only). */
export type KeyCreator = { kind: "admin"; principal: Principal } | { kind: "setup-token" };

/** Resolves the creator: a setup-token-shaped bearer is checked as one, anything else as a key or session. */
export async function keyCreator(auth: KeyAuthenticator, request: Request): Promise<KeyCreator> {
  const credential = requestCredential(request);
  if (credential.kind === "key" && isSetupTokenShaped(credential.key)) {
    if (!matchesSetupToken(credential.key)) throw new UnauthenticatedRequestError("Unknown or spent setup token: it works only until the first key exists, and only on the server run that printed it");
    return { kind: "setup-token" };
  }
  return { kind: "admin", principal: await keyAdmin(auth, request) };
}

export interface KeyRequest {
  name: string | null;
  /** Omitted: the caller's tenant (or `default` for the first key). */
  tenantId?: string;
  /** Omitted: `ingest` (the first key: `read`, `admin`). */
  scopes?: readonly Scope[];
}

/**
 * Creates a key. The first key ever only with the setup token (any tenant, always with `admin`,
 * so it can manage the rest); after that only an admin, for its own tenant. Never anonymously,
 * even on an open server: a page the operator visits must not be able to lock every exporter out.
 */
export async function createKeyAs(db: Kysely<DB>, creator: KeyCreator, wanted: KeyRequest): Promise<CreatedApiKey & { bootstrap: boolean }> {
  return inTransaction(db, async (trx) => {
    // Locked before the check, so two callers cannot both take the first key.
    await lockKeyCreation(trx);
    // A user counts as a credential: once the first owner exists, the setup token is spent.
    const first = !(await anyCredentialExists(trx));
    if (creator.kind === "setup-token") {
      if (!first) throw new UnauthenticatedRequestError("The setup token is spent: a key exists, so create keys with an admin key");
      const scopes = normalizeScopes([...(wanted.scopes ?? []), ...FIRST_KEY_SCOPES]);
      return { ...(await insertApiKey(trx, wanted.tenantId ?? DEFAULT_TENANT_ID, wanted.name, scopes)), bootstrap: true };
    }
    // Open (no key, loopback): the key-less principal may do everything but this.
    if (first || isOpenPrincipal(creator.principal)) throw new UnauthenticatedRequestError(FIRST_KEY_MESSAGE);
    const callerTenant = creator.principal.tenantId;
    if (wanted.tenantId !== undefined && wanted.tenantId !== callerTenant) {
      throw refusing(new ForbiddenError(`Your key belongs to tenant "${callerTenant}"; it cannot create keys for tenant "${wanted.tenantId}"`), creator.principal, "tenant");
    }
    return { ...(await insertApiKey(trx, callerTenant, wanted.name, wanted.scopes ?? DEFAULT_KEY_SCOPES)), bootstrap: false };
  });
}
