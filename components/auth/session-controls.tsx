"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SIGN_IN_PATH, signInHref } from "@/lib/auth/next-path";
import { ROLE_LABELS, type Role } from "@/lib/users/roles";
import { signOut, switchTenant } from "@/components/auth/session-api";

interface Props {
  tenantId: string | null;
  /** The person signed in; null for a key's session. */
  user: { email: string; role: Role } | null;
  /** The tenants that person may switch to. */
  tenants: readonly { tenantId: string; role: Role }[];
}

/** The header's session corner, only when sign-in is on: who is signed in, the tenant (a switcher for people in several), Sign out; or a Sign in link. */
export function SessionControls({ tenantId, user, tenants }: Props) {
  const pathname = usePathname() ?? "/";
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const linkClass = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-300 outline-none hover:bg-slate-800 hover:text-white focus-visible:ring-2 focus-visible:ring-sky-400";

  if (tenantId === null) {
    if (pathname === SIGN_IN_PATH) return null;
    return (
      <Link href={signInHref(pathname)} className={linkClass} data-testid="nav-sign-in">
        Sign in
      </Link>
    );
  }

  async function leave() {
    setPending(true);
    setFailure(null);
    if (await signOut()) {
      // A full load: nothing of this tenant's data stays in the page or its query cache.
      window.location.assign(SIGN_IN_PATH);
      return;
    }
    setPending(false);
    setFailure("Could not sign out; try again.");
  }

  async function move(to: string) {
    if (to === tenantId) return;
    setPending(true);
    setFailure(null);
    const result = await switchTenant(to);
    if (result.ok) {
      // Another tenant's runs and ids: start from its runs list, with nothing of this one cached.
      window.location.assign("/");
      return;
    }
    setPending(false);
    setFailure(result.message);
  }

  return (
    <div className="flex items-center gap-3 text-sm text-slate-300" data-testid="session">
      {user ? (
        <span className="hidden sm:inline" data-testid="session-user">
          <span className="text-white">{user.email}</span> <span className="text-slate-400">· {ROLE_LABELS[user.role]}</span>
        </span>
      ) : null}
      {tenants.length > 1 ? (
        <label className="flex items-center gap-1">
          <span>Tenant</span>
          <select
            value={tenantId}
            disabled={pending}
            onChange={(event) => void move(event.target.value)}
            data-testid="session-tenant-switch"
            className="rounded-md border border-slate-700 bg-slate-800 px-2 py-1 text-sm font-semibold text-white outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            {tenants.map((tenant) => (
              <option key={tenant.tenantId} value={tenant.tenantId}>
                {tenant.tenantId} ({ROLE_LABELS[tenant.role]})
              </option>
            ))}
          </select>
          <span className="sr-only" data-testid="session-tenant">
            {tenantId}
          </span>
        </label>
      ) : (
        <span>
          Tenant{" "}
          <strong className="font-semibold text-white" data-testid="session-tenant">
            {tenantId}
          </strong>
        </span>
      )}
      <button type="button" onClick={leave} disabled={pending} data-testid="sign-out" className={`${linkClass} disabled:opacity-60`}>
        {pending ? "Working…" : "Sign out"}
      </button>
      {failure ? (
        <span role="alert" className="text-red-300">
          {failure}
        </span>
      ) : null}
    </div>
  );
}
