import { fetchJson } from "@/components/ui/api-client";
import type { InvitationCreated, MemberList, MemberView, ViewerContentSetting } from "@/lib/users/member-types";
import type { Role } from "@/lib/users/roles";

// Settings → Members talks to /api/v1/members, /api/v1/invitations and /api/v1/settings/viewers.

export const MEMBERS_KEY = ["members"] as const;

export const fetchMembers = (signal?: AbortSignal) => fetchJson<MemberList>("/api/v1/members", { signal });
export const changeRole = (userId: string, role: Role) => fetchJson<MemberView>(`/api/v1/members/${userId}`, { method: "PATCH", body: { role } });
export const removeMember = (userId: string) => fetchJson<void>(`/api/v1/members/${userId}`, { method: "DELETE" });
export const inviteMember = (email: string, role: Role) => fetchJson<InvitationCreated>("/api/v1/invitations", { method: "POST", body: { email, role } });
export const revokeInvitation = (id: string) => fetchJson<void>(`/api/v1/invitations/${id}`, { method: "DELETE" });
export const setViewersSeeContent = (seesContent: boolean) => fetchJson<ViewerContentSetting>("/api/v1/settings/viewers", { method: "PUT", body: { seesContent } });
