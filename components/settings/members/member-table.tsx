"use client";

import { useMutation } from "@tanstack/react-query";
import { changeRole, removeMember } from "@/components/settings/members/members-api";
import { RoleSelect } from "@/components/settings/members/role-select";
import type { MemberView } from "@/lib/users/member-types";
import { roleMayAssign, ROLES, type Role } from "@/lib/users/roles";

export const smallButton =
  "rounded-md px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-300 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-60";

function MemberRow({ member, actor, selfId, onChanged }: { member: MemberView; actor: Role; selfId: string | null; onChanged: () => void }) {
  const self = member.id === selfId;
  // Leaving, or giving up managing members, ends this page for you: off to the runs.
  const change = useMutation({
    mutationFn: (role: Role) => changeRole(member.id, role),
    onSuccess: (changed) => (self && (changed.role === "member" || changed.role === "viewer") ? window.location.assign("/") : onChanged()),
  });
  const remove = useMutation({ mutationFn: () => removeMember(member.id), onSuccess: () => (self ? window.location.assign("/") : onChanged()) });
  const mayTouch = roleMayAssign(actor, member.role);
  const allowed = ROLES.filter((role) => roleMayAssign(actor, role));
  const error = change.error ?? remove.error;
  return (
    <tr data-testid="member-row" data-email={member.email} className="border-t border-slate-200 align-top">
      <td className="px-3 py-2">
        <div className="font-medium text-slate-900" data-testid="member-email">
          {member.email}
          {self ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
        </div>
        {member.displayName ? <div className="text-xs text-slate-500">{member.displayName}</div> : null}
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-800">
            {error.message}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2">
        <RoleSelect
          id={`member-role-${member.id}`}
          label={`Role of ${member.email}`}
          testId="member-role"
          value={change.isPending && change.variables ? change.variables : member.role}
          allowed={allowed}
          disabled={!mayTouch || change.isPending}
          onChange={(role) => change.mutate(role)}
        />
      </td>
      <td className="px-3 py-2 text-sm text-slate-600">{member.joinedAt.slice(0, 10)}</td>
      <td className="px-3 py-2 text-right">
        <button
          type="button"
          className={smallButton}
          data-testid="member-remove"
          disabled={!mayTouch || remove.isPending}
          title={mayTouch ? undefined : "Only owners can remove an owner"}
          onClick={() => {
            const question = self ? "Leave this tenant? Your session here ends." : `Remove ${member.email} from this tenant? Their sessions here end.`;
            if (window.confirm(question)) remove.mutate();
          }}
        >
          {remove.isPending ? "Removing…" : self ? "Leave" : "Remove"}
        </button>
      </td>
    </tr>
  );
}

/** The tenant's members with their roles: a role changes on selection; removal asks first. */
export function MemberTable({ members, actor, selfId, onChanged }: { members: MemberView[]; actor: Role; selfId: string | null; onChanged: () => void }) {
  return (
    <table className="w-full max-w-4xl text-left text-sm" data-testid="members-table">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="px-3 py-2 font-medium">Member</th>
          <th scope="col" className="px-3 py-2 font-medium">Role</th>
          <th scope="col" className="px-3 py-2 font-medium">Joined</th>
          <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <MemberRow key={member.id} member={member} actor={actor} selfId={selfId} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  );
}
