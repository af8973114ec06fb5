"use client";

import { useMutation } from "@tanstack/react-query";
import { revokeInvitation } from "@/components/settings/members/members-api";
import { smallButton } from "@/components/settings/members/member-table";
import type { InvitationView } from "@/lib/users/member-types";
import { roleMayAssign, ROLE_LABELS, type Role } from "@/lib/users/roles";

function InvitationRow({ invitation, actor, onChanged }: { invitation: InvitationView; actor: Role; onChanged: () => void }) {
  const revoke = useMutation({ mutationFn: () => revokeInvitation(invitation.id), onSuccess: onChanged });
  const mayRevoke = roleMayAssign(actor, invitation.role);
  return (
    <li data-testid="invitation-row" data-email={invitation.email} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
      <span className="font-medium text-slate-900">{invitation.email}</span>
      <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{ROLE_LABELS[invitation.role]}</span>
      <span className="text-xs text-slate-500">
        expires {invitation.expiresAt.slice(0, 10)}
        {invitation.invitedBy ? ` · invited by ${invitation.invitedBy}` : " · invited with an API key"}
      </span>
      {revoke.isError ? (
        <span role="alert" className="text-xs text-red-800">
          {revoke.error.message}
        </span>
      ) : null}
      <button
        type="button"
        className={`${smallButton} ml-auto`}
        data-testid="invitation-revoke"
        disabled={!mayRevoke || revoke.isPending}
        onClick={() => {
          if (window.confirm(`Revoke the invitation for ${invitation.email}? Its link stops working.`)) revoke.mutate();
        }}
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
    </li>
  );
}

/** Invitations not yet accepted, newest first, each revocable. */
export function PendingInvitations({ invitations, actor, onChanged }: { invitations: InvitationView[]; actor: Role; onChanged: () => void }) {
  if (invitations.length === 0) {
    return (
      <p data-testid="invitations-empty" className="text-sm text-slate-600">
        No pending invitations.
      </p>
    );
  }
  return (
    <ul className="max-w-4xl space-y-2" data-testid="invitations">
      {invitations.map((invitation) => (
        <InvitationRow key={invitation.id} invitation={invitation} actor={actor} onChanged={onChanged} />
      ))}
    </ul>
  );
}
