import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { lockKeyCreation } from "@/lib/auth/api-keys";
import { anyCredentialExists } from "@/lib/auth/credentials";
import { UnauthenticatedRequestError } from "@/lib/auth/errors";
import { appendAccessEntry, type AccessActor } from "@/lib/access-log/append";
import { createUser, type UserView } from "@/lib/users/users";

export const SETUP_SPENT_MESSAGE = "The setup token is spent: a key or a user exists already, so sign in with them";

/**
 * The first owner, made with the setup token: only while no key and no user exists (checked under
 * the key-creation lock, so two callers cannot both make the first), and in the access log with it.
 */
export async function createFirstOwner(
  db: Kysely<DB>,
  owner: { email: string; password: string; tenantId: string },
  context: { clientIp: string | null; userAgent: string | null },
): Promise<UserView> {
  return inTransaction(db, async (trx) => {
    await lockKeyCreation(trx);
    if (await anyCredentialExists(trx)) throw new UnauthenticatedRequestError(SETUP_SPENT_MESSAGE);
    const user = await createUser(trx, { ...owner, role: "owner" });
    const actor: AccessActor = { kind: "anonymous", keyId: null, label: "setup-token" };
    await appendAccessEntry(trx, {
      tenantId: owner.tenantId,
      action: "member.join",
      outcome: "ok",
      ...context,
      actor,
      target: { kind: "user", id: user.id },
      details: { role: "owner", email: user.email, via: "setup-token" },
    });
    return user;
  });
}
