"use client";

import { useRef, useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/next-path";
import { FormError, SubmitButton } from "@/components/ui/form-parts";
import { signIn } from "@/components/auth/session-api";

/** One field, the API key; on success a full page load of `next`, so the shell and every cached query start over for the tenant. */
export function SignInForm({ next }: { next: string }) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function fail(message: string) {
    setError(message);
    setPending(false);
    input.current?.focus();
    input.current?.select();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const key = apiKey.trim();
    if (!key) return fail("Enter an API key.");
    setPending(true);
    setError(null);
    const result = await signIn(key);
    if (!result.ok) return fail(result.message);
    window.location.assign(safeNextPath(next));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="sign-in-form" aria-busy={pending} className="space-y-4">
      <div>
        <label htmlFor="api-key" className="block text-sm font-medium text-slate-800">
          API key
        </label>
        <input
          ref={input}
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          autoFocus
          required
          placeholder="cok_…"
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="api-key-help api-key-error"
          data-testid="sign-in-key"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm outline-none focus-visible:border-sky-500 focus-visible:ring-2 focus-visible:ring-sky-400 aria-[invalid=true]:border-red-400"
        />
        <p id="api-key-help" className="mt-1 text-xs text-slate-500">
          Keys come from <code className="rounded bg-slate-100 px-1 font-mono">npm run apikey -- create &lt;tenant&gt; [name] --scope read</code> on
          the server (or from an admin); the key needs the <code className="font-mono">read</code> or <code className="font-mono">admin</code> scope,
          and the dashboard shows its tenant.
        </p>
      </div>
      <FormError id="api-key-error" message={error} testId="sign-in-error" />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" testId="sign-in-submit" />
    </form>
  );
}
