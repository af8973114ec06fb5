import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { anyApiKeyExists } from "@/lib/auth/api-keys";
import { anyUserExists } from "@/lib/users/users";

/**
 * Whether anyone can sign in yet: an API key or a user (revoked and disabled ones count, so
 * taking the last one away never reopens the server). Until then a loopback-only server is open
 * and the setup token makes the first.
 */
export async function anyCredentialExists(db: Kysely<DB>): Promise<boolean> {
  return (await anyApiKeyExists(db)) || (await anyUserExists(db));
}
