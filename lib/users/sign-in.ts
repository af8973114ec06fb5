import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { spendDecoyVerify, verifyPassword } from "@/lib/users/passwords";
import { accountByEmail, membershipsOf, recordFailedSignIn, recordSuccessfulSignIn, type TenantMembership } from "@/lib/users/users";

export type PasswordSignIn =
  | { ok: true; userId: string; email: string; membership: TenantMembership }
  /** No such account, no password set, disabled, or the wrong password: one answer for all, so it tells nothing. */
  | { ok: false; reason: "wrong_credentials"; userId: string | null; lockedUntil: Date | null; tenantId: string | null }
  | { ok: false; reason: "locked"; userId: string; lockedUntil: Date; tenantId: string | null }
  | { ok: false; reason: "no_tenant"; userId: string; tenantId: string | null };

/**
 * Checks an email and password and picks the tenant to act in (`wantedTenant` when the user is a
 * member there, else the first they joined). A locked account is refused before its password is
 * checked, so guessing during the lock learns nothing. Every path spends one argon2 verify.
 * `tenantId` in a refusal is where the refusal belongs in the access log (null: unknown).
 */
export async function signInWithPassword(db: Kysely<DB>, email: string, password: string, wantedTenant: string | null, now = new Date()): Promise<PasswordSignIn> {
  const account = await accountByEmail(db, email);
  if (!account || account.passwordHash === null || account.disabled) {
    await spendDecoyVerify(password);
    return { ok: false, reason: "wrong_credentials", userId: account?.id ?? null, lockedUntil: null, tenantId: null };
  }
  const memberships = await membershipsOf(db, account.id);
  const logTenant = memberships.find((m) => m.tenantId === wantedTenant)?.tenantId ?? memberships[0]?.tenantId ?? null;
  if (account.lockedUntil && account.lockedUntil > now) {
    await spendDecoyVerify(password);
    return { ok: false, reason: "locked", userId: account.id, lockedUntil: account.lockedUntil, tenantId: logTenant };
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const lockedUntil = await recordFailedSignIn(db, account.id, now);
    return { ok: false, reason: "wrong_credentials", userId: account.id, lockedUntil, tenantId: logTenant };
  }
  await recordSuccessfulSignIn(db, account.id);
  const membership = memberships.find((m) => m.tenantId === wantedTenant) ?? memberships[0];
  if (!membership) return { ok: false, reason: "no_tenant", userId: account.id, tenantId: null };
  return { ok: true, userId: account.id, email: account.email, membership };
}
