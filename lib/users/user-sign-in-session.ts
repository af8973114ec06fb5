import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { Principal } from "@/lib/auth/authenticator";
import { createUserSession } from "@/lib/auth/sessions";
import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import type { AccessDetails } from "@/lib/access-log/entry";
import { roleScopes } from "@/lib/users/roles";
import type { TenantMembership } from "@/lib/users/users";

/**
 * A person signed in (by password or single sign-on): their session in the tenant they act in,
 * committed with its `session.sign_in` entry. `details` says how, beside the role.
 */
export async function openSignedInSession(
  db: Kysely<DB>,
  request: Request,
  person: { userId: string; email: string; membership: TenantMembership },
  details: AccessDetails = {},
): Promise<{ token: string; principal: Principal }> {
  const { userId, membership } = person;
  const principal: Principal = {
    tenantId: membership.tenantId,
    scopes: roleScopes(membership.role),
    keyId: null,
    user: { id: userId, email: person.email, role: membership.role, seesContent: true },
  };
  const session = await recordedWrite(
    db,
    { tenantId: membership.tenantId, action: "session.sign_in", outcome: "ok", ...accessContextOf(request, principal) },
    (trx) => createUserSession(trx, userId, membership.tenantId),
    () => ({ target: { kind: "user", id: userId }, details: { role: membership.role, ...details } }),
  );
  return { token: session.token, principal };
}
