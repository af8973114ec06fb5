import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { Principal } from "@/lib/auth/authenticator";
import { requestCredential } from "@/lib/auth/request-key";
import type { ScoreAuthor } from "@/lib/scores/run-scores";

/**
 * Who gives a score through the API, and how: a key header is a program (`api`); the dashboard's
 * session cookie, or on a key-less server a same-origin browser request, is a person (`ui`). The
 * author is the signed-in user's email, else the key's name (or its id) the request acts with;
 * null on a key-less server.
 */
export async function scoreAuthor(db: Kysely<DB>, principal: Principal, request: Request): Promise<ScoreAuthor> {
  const credential = requestCredential(request);
  const fromBrowser = credential.kind === "session" || (credential.kind === "none" && request.headers.get("sec-fetch-site") === "same-origin");
  const source = fromBrowser ? "ui" : "api";
  if (principal.user) return { source, author: principal.user.email };
  if (principal.keyId === null) return { source, author: null };
  const key = await db.selectFrom("api_keys").select(["name", "key_prefix"]).where("tenant_id", "=", principal.tenantId).where("id", "=", principal.keyId).executeTakeFirst();
  return { source, author: key?.name ?? (key ? `key ${key.key_prefix}` : `key ${principal.keyId}`) };
}
