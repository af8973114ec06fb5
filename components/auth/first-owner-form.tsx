"use client";

import { useRef, useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/next-path";
import { FormError, SubmitButton, TEXT_INPUT_CLASS } from "@/components/ui/form-parts";
import { SetupTokenField } from "@/components/auth/setup-token-field";
import { createFirstOwner } from "@/components/auth/session-api";

const inputClass = TEXT_INPUT_CLASS;

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
        <SetupTokenField id="owner-setup-token" testId="owner-setup-token" value={token} onChange={setToken} invalid={error !== null} describedBy="first-owner-error" inputRef={tokenInput} />
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
