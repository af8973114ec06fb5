import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { appendAccessEntry } from "@/lib/access-log/append";
import { cliActor } from "@/lib/access-log/cli-actor";
import { insertApiKey, revokeKeysMatching, type CreatedApiKey, type RevokedApiKey } from "@/lib/auth/api-keys";
import type { Scope } from "@/lib/auth/scopes";

// `npm run apikey`'s writes, each with its access-log entry in one transaction (ADR 0013): a key
// made or revoked on the server is in its tenant's log as the API's are, by actor kind `cli`.

/** Creates a key for the tenant (and the tenant when new) and records `api_key.create`. */
export async function createKeyByCommand(db: Kysely<DB>, tenantId: string, name: string | null, scopes: readonly Scope[]): Promise<CreatedApiKey> {
  return db.transaction().execute(async (trx) => {
    const key = await insertApiKey(trx, tenantId, name, scopes);
    await appendAccessEntry(trx, {
      tenantId: key.tenantId,
      action: "api_key.create",
      outcome: "ok",
      actor: cliActor("apikey"),
      target: { kind: "api_key", id: key.id },
      details: { prefix: key.prefix, scopes: key.scopes.join(","), name },
    });
    return key;
  });
}

/** Revokes the active keys with this id or prefix (ending their sessions) and records `api_key.revoke` for each, in its tenant. */
export async function revokeKeysByCommand(db: Kysely<DB>, idOrPrefix: string): Promise<RevokedApiKey[]> {
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeKeysMatching(trx, idOrPrefix);
    // A prefix can match keys of several tenants: each tenant's log records its own key.
    // Tenant by tenant, as every other writer takes these locks one at a time in no other order.
    for (const key of [...revoked].sort((a, b) => a.tenantId.localeCompare(b.tenantId))) {
      await appendAccessEntry(trx, { tenantId: key.tenantId, action: "api_key.revoke", outcome: "ok", actor: cliActor("apikey"), target: { kind: "api_key", id: key.id }, details: { prefix: key.prefix } });
    }
    return revoked;
  });
}
