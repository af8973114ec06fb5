"use client";

import { useRef, useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/next-path";
import { FormError, SubmitButton, TEXT_INPUT_CLASS as inputClass } from "@/components/ui/form-parts";
import { signIn, signInWithPassword, type SignInResult } from "@/components/auth/session-api";

export type SignInMethod = "password" | "key";


/**
 * Email and password, or an API key; on success a full page load of `next`, so the shell and
 * every cached query start over for the tenant. `initialMethod` is the server's guess: password
 * once people have accounts, else key.
 */
export function SignInForm({ next, initialMethod }: { next: string; initialMethod: SignInMethod }) {
  const [method, setMethod] = useState<SignInMethod>(initialMethod);
  const [apiKey, setApiKey] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const firstInput = useRef<HTMLInputElement>(null);

  function fail(message: string) {
    setError(message);
    setPending(false);
    firstInput.current?.focus();
    firstInput.current?.select();
  }

  function choose(chosen: SignInMethod) {
    setMethod(chosen);
    setError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    let attempt: () => Promise<SignInResult>;
    if (method === "key") {
      const key = apiKey.trim();
      if (!key) return fail("Enter an API key.");
      attempt = () => signIn(key);
    } else {
      if (!email.trim()) return fail("Enter your email address.");
      if (!password) return fail("Enter your password.");
      attempt = () => signInWithPassword(email.trim(), password);
    }
    setPending(true);
    setError(null);
    const result = await attempt();
    if (!result.ok) return fail(result.message);
    window.location.assign(safeNextPath(next));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="sign-in-form" aria-busy={pending} className="space-y-4">
      {/* Toggle buttons, not radios: a radio labelled "API key" would share its name with the key field. */}
      <div role="group" aria-label="Sign in with" className="flex gap-1 rounded-md bg-slate-100 p-1 text-sm" data-testid="sign-in-method">
        {(
          [
            ["password", "Email and password"],
            ["key", "API key"],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={method === value}
            onClick={() => choose(value)}
            data-testid={`sign-in-method-${value}`}
            className="flex-1 rounded px-3 py-1.5 text-center font-medium text-slate-600 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm"
          >
            {label}
          </button>
        ))}
      </div>
      {method === "key" ? (
        <div>
          <label htmlFor="api-key" className="block text-sm font-medium text-slate-800">
            API key
          </label>
          <input
            ref={firstInput}
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
            aria-describedby="api-key-help sign-in-error-region"
            data-testid="sign-in-key"
            className={`${inputClass} font-mono`}
          />
          <p id="api-key-help" className="mt-1 text-xs text-slate-500">
            Keys come from <code className="rounded bg-slate-100 px-1 font-mono">npm run apikey -- create &lt;tenant&gt; [name] --scope read</code> on
            the server (or from an admin); the key needs the <code className="font-mono">read</code> or <code className="font-mono">admin</code> scope,
            and the dashboard shows its tenant.
          </p>
        </div>
      ) : (
        <>
          <div>
            <label htmlFor="sign-in-email" className="block text-sm font-medium text-slate-800">
              Email
            </label>
            <input
              ref={firstInput}
              id="sign-in-email"
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              autoFocus
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby="sign-in-error-region"
              data-testid="sign-in-email"
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="sign-in-password" className="block text-sm font-medium text-slate-800">
              Password
            </label>
            <input
              id="sign-in-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby="password-help sign-in-error-region"
              data-testid="sign-in-password"
              className={inputClass}
            />
            <p id="password-help" className="mt-1 text-xs text-slate-500">
              Accounts come from an invitation or from <code className="rounded bg-slate-100 px-1 font-mono">npm run user -- create &lt;email&gt;</code> on
              the server. Forgot it? An admin runs <code className="rounded bg-slate-100 px-1 font-mono">npm run user -- password &lt;email&gt;</code>.
            </p>
          </div>
        </>
      )}
      <FormError id="sign-in-error-region" message={error} testId="sign-in-error" />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" testId="sign-in-submit" />
    </form>
  );
}
