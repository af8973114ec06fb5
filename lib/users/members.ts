import type { Kysely, Transaction } from "kysely";
import { ForbiddenError } from "@/lib/auth/errors";
import { lockKeys } from "@/lib/db/advisory-locks";
import type { DB } from "@/lib/db/types";
import { ConflictError } from "@/lib/http/conflict";
import { NotFoundError } from "@/lib/http/not-found";
import type { InvitationView, MemberList, MemberView } from "@/lib/users/member-types";
import { isRole, roleMayAssign, ROLE_LABELS, type Role } from "@/lib/users/roles";

/** Members and pending invitations listed at most: a team, not a directory. */
export const MAX_LISTED = 1000;

/** Serializes changes to a tenant's members, so two owners demoting each other cannot leave none. */
export const membersLockKey = (tenantId: string) => `members:${tenantId}`;

const iso = (value: Date | string) => new Date(value).toISOString();

/** The tenant's members by email and its pending invitations newest first. */
export async function listMembers(db: Kysely<DB>, tenantId: string, now = new Date()): Promise<Omit<MemberList, "canInvite">> {
  const [members, invitations, tenant] = await Promise.all([
    db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id as id", "users.email as email", "users.display_name as displayName", "memberships.role as role", "memberships.created_at as joinedAt"])
      .where("memberships.tenant_id", "=", tenantId)
      .orderBy("users.email")
      .limit(MAX_LISTED)
      .execute(),
    db
      .selectFrom("invitations")
      .leftJoin("users", "users.id", "invitations.invited_by")
      .select(["invitations.id as id", "invitations.email as email", "invitations.role as role", "invitations.expires_at as expiresAt", "users.email as invitedBy"])
      .where("invitations.tenant_id", "=", tenantId)
      .where("invitations.accepted_at", "is", null)
      .where("invitations.revoked_at", "is", null)
      .where("invitations.expires_at", ">", now)
      .orderBy("invitations.created_at", "desc")
      .orderBy("invitations.id", "desc")
      .limit(MAX_LISTED)
      .execute(),
    db.selectFrom("tenants").select("viewers_see_content").where("id", "=", tenantId).executeTakeFirst(),
  ]);
  return {
    members: members.flatMap((m): MemberView[] => (isRole(m.role) ? [{ id: String(m.id), email: m.email, displayName: m.displayName, role: m.role, joinedAt: iso(m.joinedAt) }] : [])),
    invitations: invitations.flatMap((i): InvitationView[] => (isRole(i.role) ? [{ id: String(i.id), email: i.email, role: i.role, expiresAt: iso(i.expiresAt), invitedBy: i.invitedBy ?? null }] : [])),
    viewersSeeContent: tenant?.viewers_see_content ?? true,
  };
}

interface Membership {
  email: string;
  role: Role;
}

/** The member and how many owners the tenant has, under the tenant's members lock. */
async function lockedMember(trx: Transaction<DB>, tenantId: string, userId: string): Promise<{ member: Membership; owners: number }> {
  await lockKeys(trx, [membersLockKey(tenantId)]);
  const row = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email as email", "memberships.role as role"])
    .where("memberships.tenant_id", "=", tenantId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) throw new NotFoundError(`No member with id ${userId} in this tenant`);
  const { owners } = await trx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<string>().as("owners"))
    .where("tenant_id", "=", tenantId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return { member: { email: row.email, role: row.role }, owners: Number(owners) };
}

/** Refuses what the actor's role may not do to this member, and leaving the tenant without an owner. */
function checkChange(actor: Role, member: Membership, owners: number, newRole: Role | null): void {
  if (!roleMayAssign(actor, member.role)) throw new ForbiddenError(`Only owners can change or remove an owner (${member.email})`);
  if (newRole !== null && !roleMayAssign(actor, newRole)) throw new ForbiddenError(`Only owners can make someone ${ROLE_LABELS[newRole].toLowerCase()}`);
  if (member.role === "owner" && newRole !== "owner" && owners <= 1) {
    throw new ConflictError(`${member.email} is this tenant's only owner: make another member an owner first`);
  }
}

export interface RoleChange {
  member: MemberView;
  /** The role before; equal to member.role when nothing changed. */
  from: Role;
}

/** Gives a member another role, as `actor` may (lib/users/roles.ts); keeps at least one owner. */
export async function changeMemberRole(trx: Transaction<DB>, tenantId: string, userId: string, role: Role, actor: Role): Promise<RoleChange> {
  const { member, owners } = await lockedMember(trx, tenantId, userId);
  if (member.role !== role) {
    checkChange(actor, member, owners, role);
    await trx.updateTable("memberships").set({ role }).where("tenant_id", "=", tenantId).where("user_id", "=", userId).execute();
  }
  const row = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.display_name as displayName", "memberships.created_at as joinedAt"])
    .where("memberships.tenant_id", "=", tenantId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return { member: { id: userId, email: member.email, displayName: row.displayName, role, joinedAt: iso(row.joinedAt) }, from: member.role };
}

/** Takes a member out of the tenant and ends their sessions there; keeps at least one owner. */
export async function removeMember(trx: Transaction<DB>, tenantId: string, userId: string, actor: Role): Promise<Membership> {
  const { member, owners } = await lockedMember(trx, tenantId, userId);
  checkChange(actor, member, owners, null);
  await trx.deleteFrom("memberships").where("tenant_id", "=", tenantId).where("user_id", "=", userId).execute();
  await trx.deleteFrom("sessions").where("user_id", "=", userId).where("tenant_id", "=", tenantId).execute();
  return member;
}

/** Whether viewers see inputs and outputs; returns the value before. */
export async function setViewersSeeContent(trx: Transaction<DB>, tenantId: string, seesContent: boolean): Promise<boolean> {
  await trx.insertInto("tenants").values({ id: tenantId, name: tenantId }).onConflict((oc) => oc.column("id").doNothing()).execute();
  const before = await trx.selectFrom("tenants").select("viewers_see_content").where("id", "=", tenantId).forUpdate().executeTakeFirstOrThrow();
  await trx.updateTable("tenants").set({ viewers_see_content: seesContent }).where("id", "=", tenantId).execute();
  return before.viewers_see_content;
}

/**
 * The role a request acts with on members: a person's own there; an API key with the `admin`
 * scope acts as an admin, never an owner (people make owners: docs/adr/0016-members.md).
 */
export function actingRole(principal: { user?: { role: Role } }): Role {
  return principal.user?.role ?? "admin";
}
