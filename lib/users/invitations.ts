import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { ForbiddenError } from "@/lib/auth/errors";
import { lockKeys } from "@/lib/db/advisory-locks";
import type { DB } from "@/lib/db/types";
import { ConflictError, GoneError } from "@/lib/http/conflict";
import { NotFoundError } from "@/lib/http/not-found";
import type { InvitationView } from "@/lib/users/member-types";
import { MAX_LISTED, membersLockKey } from "@/lib/users/members";
import { isRole, roleMayAssign, ROLE_LABELS, type Role } from "@/lib/users/roles";

// An invitation is a one-time link `/invite/<token>`: the token is shown once, only its SHA-256
// is kept, and it ends when accepted, revoked or after INVITATION_TTL_DAYS.

export const INVITATION_TTL_DAYS = 7;
const TOKEN_PREFIX = "coi_";

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether the value looks like an invitation token at all (anything else is not looked up). */
export function isInvitationToken(value: string): boolean {
  return /^coi_[A-Za-z0-9_-]{43}$/.test(value);
}

/** Why an open server (no key or user yet) cannot invite: accepting would turn sign-in on and lock out whoever invited. */
export const NO_SIGN_IN_YET =
  "Invite people once sign-in is on: create your own account first with `npm run user -- create <email>` (the server then requires a key or sign-in)";

export const invitationPath = (token: string) => `/invite/${token}`;

export interface NewInvitation {
  tenantId: string;
  /** Normalized (lowercase). */
  email: string;
  role: Role;
  /** The inviting user; null for an API key. */
  invitedBy: string | null;
}

export interface CreatedInvitation {
  invitation: InvitationView;
  token: string;
  /** The pending invitation for the same email this one replaced, if any. */
  replaced: string | null;
}

/**
 * Invites `email` into the tenant as `role`, which `actor` must be allowed to give. A pending
 * invitation for the same email is replaced (revoked): the newest link is the one that works.
 */
export async function createInvitation(trx: Transaction<DB>, input: NewInvitation, actor: Role, now = new Date()): Promise<CreatedInvitation> {
  if (!roleMayAssign(actor, input.role)) throw new ForbiddenError(`Only owners can invite ${ROLE_LABELS[input.role].toLowerCase()}s`);
  await lockKeys(trx, [membersLockKey(input.tenantId)]);
  const member = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.tenant_id", "=", input.tenantId)
    .where("users.email", "=", input.email)
    .executeTakeFirst();
  if (member) throw new ConflictError(`${input.email} is a member already: change their role instead`);
  const replaced = await trx
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("tenant_id", "=", input.tenantId)
    .where("email", "=", input.email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .returning("id")
    .executeTakeFirst();
  const { pending } = await trx
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<string>().as("pending"))
    .where("tenant_id", "=", input.tenantId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  // Bounded, so the members page always lists every pending invitation.
  if (Number(pending) >= MAX_LISTED) throw new ConflictError(`This tenant has ${MAX_LISTED} pending invitations: revoke some first`);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  const row = await trx
    .insertInto("invitations")
    .values({ tenant_id: input.tenantId, token_hash: hashInvitationToken(token), email: input.email, role: input.role, invited_by: input.invitedBy, expires_at: expiresAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  const inviter = input.invitedBy === null ? undefined : await trx.selectFrom("users").select("email").where("id", "=", input.invitedBy).executeTakeFirst();
  return {
    invitation: { id: String(row.id), email: input.email, role: input.role, expiresAt: expiresAt.toISOString(), invitedBy: inviter?.email ?? null },
    token,
    replaced: replaced ? String(replaced.id) : null,
  };
}

/** Revokes a pending invitation; an owner's invitation only an owner may revoke. */
export async function revokeInvitation(trx: Transaction<DB>, tenantId: string, id: string, actor: Role, now = new Date()): Promise<{ email: string; role: Role }> {
  const row = await trx
    .selectFrom("invitations")
    .select(["email", "role"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (!row || !isRole(row.role)) throw new NotFoundError(`No pending invitation with id ${id}`);
  if (!roleMayAssign(actor, row.role)) throw new ForbiddenError("Only owners can revoke an invitation to become an owner");
  await trx.updateTable("invitations").set({ revoked_at: now }).where("id", "=", id).execute();
  return { email: row.email, role: row.role };
}

export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

export interface InvitationByToken {
  id: string;
  tenantId: string;
  tenantName: string;
  email: string;
  role: Role;
  state: InvitationState;
  expiresAt: Date;
}

function invitationQuery(db: Kysely<DB>) {
  return db
    .selectFrom("invitations")
    .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
    .select(["invitations.id", "invitations.tenant_id", "tenants.name", "invitations.email", "invitations.role", "invitations.expires_at", "invitations.accepted_at", "invitations.revoked_at"]);
}

type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitationQuery>["executeTakeFirst"]>>;

function invitationOf(row: InvitationRow, now: Date): InvitationByToken | null {
  if (!row || !isRole(row.role)) return null;
  const expiresAt = new Date(row.expires_at);
  const state: InvitationState = row.accepted_at ? "accepted" : row.revoked_at ? "revoked" : expiresAt <= now ? "expired" : "pending";
  return { id: String(row.id), tenantId: row.tenant_id, tenantName: row.name, email: row.email, role: row.role, state, expiresAt };
}

/** The invitation a token belongs to, in whatever state; null for a token nobody issued. */
export async function invitationByToken(db: Kysely<DB>, token: string, now = new Date()): Promise<InvitationByToken | null> {
  if (!isInvitationToken(token)) return null;
  return invitationOf(await invitationQuery(db).where("invitations.token_hash", "=", hashInvitationToken(token)).executeTakeFirst(), now);
}

/** The same by id, for a flow that checked the token when it began (single sign-on keeps the id, not the token). */
export async function invitationById(db: Kysely<DB>, id: string, now = new Date()): Promise<InvitationByToken | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  return invitationOf(await invitationQuery(db).where("invitations.id", "=", id).executeTakeFirst(), now);
}

export const INVITATION_ENDED: Record<Exclude<InvitationState, "pending">, string> = {
  expired: "This invitation has expired: ask an admin of the tenant for a new one",
  revoked: "This invitation was revoked: ask an admin of the tenant for a new one",
  accepted: "This invitation has been used already: sign in instead",
};

/** Marks the invitation accepted, once: a second accept (or one racing it) finds it gone. */
export async function claimInvitation(trx: Transaction<DB>, id: string, now = new Date()): Promise<void> {
  const claimed = await trx
    .updateTable("invitations")
    .set({ accepted_at: now })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new GoneError("This invitation was used, revoked or expired meanwhile");
}
