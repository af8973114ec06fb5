"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { CopyTextButton } from "@/components/connect/copy-text-button";
import { FormField } from "@/components/prices/form-field";
import { inviteMember } from "@/components/settings/members/members-api";
import { RoleSelect } from "@/components/settings/members/role-select";
import { FormError, SubmitButton } from "@/components/ui/form-parts";
import type { InvitationCreated } from "@/lib/users/member-types";
import { roleMayAssign, ROLES, type Role } from "@/lib/users/roles";

/** The link of the invitation just made: shown here once (only its hash is stored). */
function CreatedLink({ created }: { created: InvitationCreated }) {
  const url = `${window.location.origin}${created.path}`;
  const id = `invite-link-${created.invitation.id}`;
  return (
    <div role="status" data-testid="invite-created" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
      <p>
        Send this link to <strong>{created.invitation.email}</strong>. It works once, until {new Date(created.invitation.expiresAt).toUTCString()}, and is shown only now.
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code id={id} data-testid="invite-link" className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-emerald-200">
          {url}
        </code>
        <CopyTextButton text={url} label="invitation link" targetId={id} testId="invite-copy" />
      </div>
    </div>
  );
}

/** Invites an email with a role (only owners invite owners) and shows the one-time link. */
export function InviteForm({ actor, onInvited }: { actor: Role; onInvited: () => void }) {
  const id = useId();
  const allowed = ROLES.filter((role) => roleMayAssign(actor, role));
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [problem, setProblem] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () => inviteMember(email, role),
    onSuccess: () => {
      setEmail("");
      onInvited();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setProblem("Enter an email address.");
    setProblem(null);
    invite.mutate();
  };

  return (
    <div className="max-w-2xl space-y-3">
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" data-testid="invite-form" aria-busy={invite.isPending}>
        <div className="min-w-64 flex-1">
          <FormField id={`${id}-email`} label="Email" testId="invite-email" type="email" autoComplete="off" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-role`} className="text-xs font-medium text-slate-600">
            Role
          </label>
          <RoleSelect id={`${id}-role`} label="Role of the invited person" testId="invite-role" value={role} allowed={allowed} onChange={setRole} />
        </div>
        <SubmitButton pending={invite.isPending} label="Invite" pendingLabel="Inviting…" testId="invite-submit" />
      </form>
      <FormError id={`${id}-error`} message={problem ?? (invite.isError ? invite.error.message : null)} testId="invite-error" />
      {invite.isSuccess ? <CreatedLink created={invite.data} /> : null}
    </div>
  );
}
