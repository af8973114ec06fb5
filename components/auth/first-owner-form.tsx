"use client";

import { useRef, useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/next-path";
import { FormError, SubmitButton } from "@/components/ui/form-parts";
import { createFirstOwner } from "@/components/auth/session-api";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus-visible:border-sky-500 focus-visible:ring-2 focus-visible:ring-sky-400 aria-[invalid=true]:border-red-400";

/** The first owner, from the setup token the server printed at start; the browser is signed in as them. */
export function FirstOwnerForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenant, setTenant] = useState("default");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const tokenInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const missing = !token.trim() ? "Enter the setup token the server printed at start." : !email.trim() ? "Enter your email address." : password.length < 12 ? "Choose a password of at least 12 characters." : null;
    if (missing) {
      setError(missing);
      tokenInput.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    const result = await createFirstOwner(token.trim(), email.trim(), password, tenant.trim() || "default");
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    window.location.assign(safeNextPath(next));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="first-owner-form" aria-busy={pending} className="space-y-4">
      <div>
        <label htmlFor="owner-setup-token" className="block text-sm font-medium text-slate-800">
          Setup token
        </label>
        <input
          ref={tokenInput}
          id="owner-setup-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="cst_…"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="first-owner-error"
          data-testid="owner-setup-token"
          className={`${inputClass} font-mono`}
        />
      </div>
      <div>
        <label htmlFor="owner-email" className="block text-sm font-medium text-slate-800">
          Your email
        </label>
        <input id="owner-email" type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} data-testid="owner-email" className={inputClass} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="owner-password" className="block text-sm font-medium text-slate-800">
            Password
          </label>
          <input
            id="owner-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby="owner-password-help"
            data-testid="owner-password"
            className={inputClass}
          />
          <p id="owner-password-help" className="mt-1 text-xs text-slate-500">
            At least 12 characters.
          </p>
        </div>
        <div>
          <label htmlFor="owner-tenant" className="block text-sm font-medium text-slate-800">
            Tenant
          </label>
          <input id="owner-tenant" value={tenant} onChange={(event) => setTenant(event.target.value)} data-testid="owner-tenant" className={`${inputClass} font-mono`} />
        </div>
      </div>
      <FormError id="first-owner-error" message={error} testId="first-owner-error" />
      <SubmitButton pending={pending} label="Create the owner and sign in" pendingLabel="Creating…" testId="first-owner-submit" />
    </form>
  );
}
