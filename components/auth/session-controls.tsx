"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SIGN_IN_PATH, signInHref } from "@/lib/auth/next-path";
import { signOut } from "@/components/auth/session-api";

/** The header's session corner, only when API keys are on: the signed-in tenant and Sign out, or a Sign in link. */
export function SessionControls({ tenantId }: { tenantId: string | null }) {
  const pathname = usePathname() ?? "/";
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
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
    setFailed(false);
    if (await signOut()) {
      // A full load: nothing of this tenant's data stays in the page or its query cache.
      window.location.assign(SIGN_IN_PATH);
      return;
    }
    setPending(false);
    setFailed(true);
  }

  return (
    <div className="flex items-center gap-2 text-sm text-slate-300" data-testid="session">
      <span>
        Tenant{" "}
        <strong className="font-semibold text-white" data-testid="session-tenant">
          {tenantId}
        </strong>
      </span>
      <button type="button" onClick={leave} disabled={pending} data-testid="sign-out" className={`${linkClass} disabled:opacity-60`}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {failed ? (
        <span role="alert" className="text-red-300">
          Could not sign out; try again.
        </span>
      ) : null}
    </div>
  );
}
