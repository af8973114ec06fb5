"use client";

import { useRef, useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/next-path";
import { FormError, SubmitButton, TEXT_INPUT_CLASS } from "@/components/ui/form-parts";
import { SetupTokenField } from "@/components/auth/setup-token-field";
import { CopyTextButton } from "@/components/connect/copy-text-button";
import { createFirstKey, signIn } from "@/components/auth/session-api";

const inputClass = `${TEXT_INPUT_CLASS} font-mono`;

/**
 * The first key, from the setup token the server printed at start: an admin key for the tenant,
 * shown once, and this browser signed in with it. Further keys come from that key.
 */
export function FirstKeyForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const [tenant, setTenant] = useState("default");
  const [name, setName] = useState("admin");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ key: string; tenantId: string; signedIn: boolean } | null>(null);
  const tokenInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!token.trim()) {
      setError("Enter the setup token the server printed at start.");
      tokenInput.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    const result = await createFirstKey(token.trim(), tenant.trim() || "default", name.trim());
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      tokenInput.current?.focus();
      return;
    }
    const session = await signIn(result.key);
    setCreated({ key: result.key, tenantId: result.tenantId, signedIn: session.ok });
    setPending(false);
  }

  if (created) {
    return (
      <div className="space-y-3 text-sm text-slate-700" data-testid="first-key-created">
        <p>
          Created an admin key for tenant <strong>{created.tenantId}</strong>. It is shown only now: keep it somewhere safe.
        </p>
        <div className="flex items-center gap-2">
          <code id="first-key" data-testid="first-key" className="block flex-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-slate-100">
            {created.key}
          </code>
          <CopyTextButton text={created.key} label="the new API key" targetId="first-key" />
        </div>
        <p className="text-xs text-slate-500">
          Exporters need a key of their own with the <code className="font-mono">ingest</code> scope: create it with this key (
          <code className="font-mono">POST /api/v1/api-keys</code> with <code className="font-mono">{'{"scopes":["ingest"]}'}</code>) or with{" "}
          <code className="font-mono">npm run apikey</code>.
        </p>
        <button
          type="button"
          data-testid="first-key-continue"
          onClick={() => window.location.assign(created.signedIn ? safeNextPath(next) : "/sign-in")}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400"
        >
          {created.signedIn ? "Continue to the dashboard" : "Sign in with it"}
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="first-key-form" aria-busy={pending} className="space-y-4">
      <div>
        <SetupTokenField id="setup-token" testId="setup-token" value={token} onChange={setToken} invalid={error !== null} describedBy="setup-token-help first-key-error" inputRef={tokenInput} />
        <p id="setup-token-help" className="mt-1 text-xs text-slate-500">
          The server prints it at start while no key exists; it works once, for the first key.
        </p>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="first-key-tenant" className="block text-sm font-medium text-slate-800">
            Tenant
          </label>
          <input id="first-key-tenant" value={tenant} onChange={(event) => setTenant(event.target.value)} data-testid="first-key-tenant" className={inputClass} />
        </div>
        <div>
          <label htmlFor="first-key-name" className="block text-sm font-medium text-slate-800">
            Key name
          </label>
          <input id="first-key-name" value={name} onChange={(event) => setName(event.target.value)} data-testid="first-key-name" className={inputClass} />
        </div>
      </div>
      <FormError id="first-key-error" message={error} testId="first-key-error" />
      <SubmitButton pending={pending} label="Create the first key" pendingLabel="Creating…" testId="first-key-submit" />
    </form>
  );
}
