import type { Role } from "@/lib/users/roles";

// What the members API and Settings → Members show. Shared by the server and the page's client
// components: no server-only imports here.

/** One person in the tenant. */
export interface MemberView {
  /** The user's id (installation-wide). */
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  /** ISO 8601: when they joined this tenant. */
  joinedAt: string;
}

/** An invitation not yet accepted, revoked or expired. */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  /** ISO 8601. */
  expiresAt: string;
  /** The inviting user's email; null when an API key invited, or that user is gone. */
  invitedBy: string | null;
}

/** GET /api/v1/members: members by email, pending invitations newest first (at most 1000 of each). */
export interface MemberList {
  members: MemberView[];
  invitations: InvitationView[];
  /** Whether viewers see runs' inputs and outputs (PUT /api/v1/settings/viewers). */
  viewersSeeContent: boolean;
  /** False on a server without sign-in (no key or user yet): invitations need an account of your own first. */
  canInvite: boolean;
}

/** POST /api/v1/invitations: the link is in this answer only; only its token's SHA-256 is stored. */
export interface InvitationCreated {
  invitation: InvitationView;
  /** The one-time token (`coi_...`). */
  token: string;
  /** `/invite/<token>`: on this server's origin, the page that accepts it. */
  path: string;
}

/** PUT /api/v1/settings/viewers. */
export interface ViewerContentSetting {
  seesContent: boolean;
}
