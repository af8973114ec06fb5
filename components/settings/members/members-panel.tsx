"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { InviteForm } from "@/components/settings/members/invite-form";
import { MemberTable } from "@/components/settings/members/member-table";
import { fetchMembers, MEMBERS_KEY } from "@/components/settings/members/members-api";
import { PendingInvitations } from "@/components/settings/members/pending-invitations";
import { ViewersToggle } from "@/components/settings/members/viewers-toggle";
import type { MemberList } from "@/lib/users/member-types";
import type { Role } from "@/lib/users/roles";

const heading = "mb-2 text-sm font-semibold text-slate-800";

/**
 * Settings → Members: the table, the invite form, pending invitations and what viewers see.
 * `actor` is the signed-in person's role (an API key's session acts as an admin).
 */
export function MembersPanel({ initial, actor, selfId }: { initial: MemberList; actor: Role; selfId: string | null }) {
  const client = useQueryClient();
  const list = useQuery({ queryKey: MEMBERS_KEY, queryFn: ({ signal }) => fetchMembers(signal), initialData: initial });
  const refresh = () => void client.invalidateQueries({ queryKey: MEMBERS_KEY });
  const { members, invitations, viewersSeeContent, canInvite } = list.data;
  return (
    <div className="space-y-8" aria-busy={list.isFetching}>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className={heading}>
          Members
        </h2>
        {members.length === 0 ? (
          <p data-testid="members-empty" className="text-sm text-slate-600">
            Nobody yet. People join through an invitation; the first account comes from <code className="font-mono">npm run user -- create &lt;email&gt;</code> on the server.
          </p>
        ) : (
          <MemberTable members={members} actor={actor} selfId={selfId} onChanged={refresh} />
        )}
        {list.isError ? (
          <p role="alert" className="mt-2 text-sm text-red-800">
            Could not refresh the members: {list.error.message}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading" className={heading}>
          Invite someone
        </h2>
        {canInvite ? (
          <InviteForm actor={actor} onInvited={refresh} />
        ) : (
          <p data-testid="invite-unavailable" className="max-w-2xl text-sm text-slate-600">
            This server runs without sign-in (no key or account yet), so an invitation would lock you out once accepted. Create your own account first with{" "}
            <code className="font-mono">npm run user -- create &lt;email&gt;</code>, sign in, then invite.
          </p>
        )}
      </section>
      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className={heading}>
          Pending invitations
        </h2>
        <PendingInvitations invitations={invitations} actor={actor} onChanged={refresh} />
      </section>
      <section aria-labelledby="viewers-heading">
        <h2 id="viewers-heading" className={heading}>
          Viewers
        </h2>
        <ViewersToggle value={viewersSeeContent} onChanged={refresh} />
      </section>
    </div>
  );
}
