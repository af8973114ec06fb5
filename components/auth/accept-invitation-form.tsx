"use client";

import { useId, useState, type FormEvent } from "react";
import { FormField } from "@/components/prices/form-field";
import { ApiError, fetchJson } from "@/components/ui/api-client";
import { FormError, SubmitButton } from "@/components/ui/form-parts";

/** new: the email has no account yet (set a password); existing: it has one (its password); signed-in: this browser is signed in as it. */
export type AcceptMode = "new" | "existing" | "signed-in";

const MIN_PASSWORD = 12;

/** Accepts the invitation (POST /api/v1/invitations/accept), which signs the browser in; then a full load of the runs. */
export function AcceptInvitationForm({ token, email, mode }: { token: string; email: string; mode: AcceptMode }) {
  const id = useId();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (mode === "new" && password.length < MIN_PASSWORD) return setError(`Use at least ${MIN_PASSWORD} characters for your password.`);
    if (mode === "new" && password !== again) return setError("The two passwords differ.");
    if (mode === "existing" && !password) return setError("Enter your password.");
    setError(null);
    setPending(true);
    try {
      const body = { token, ...(mode === "signed-in" ? {} : { password }), ...(mode === "new" && displayName.trim() ? { displayName: displayName.trim() } : {}) };
      await fetchJson("/api/v1/invitations/accept", { method: "POST", body });
      window.location.assign("/");
    } catch (failure) {
      setPending(false);
      setError(failure instanceof ApiError ? failure.message : "Joining failed.");
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="accept-form" data-mode={mode} aria-busy={pending} className="space-y-4">
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      {mode === "new" ? (
        <>
          <FormField id={`${id}-name`} label="Your name" testId="accept-name" autoComplete="name" maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          <FormField
            id={`${id}-password`}
            label="Choose a password"
            testId="accept-password"
            type="password"
            autoComplete="new-password"
            required
            hint={`At least ${MIN_PASSWORD} characters.`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FormField id={`${id}-again`} label="The same password again" testId="accept-password-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
        </>
      ) : mode === "existing" ? (
        <FormField
          id={`${id}-password`}
          label={`Password of ${email}`}
          testId="accept-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      ) : (
        <p className="text-sm text-slate-700">You are signed in as {email} in this browser.</p>
      )}
      <FormError id={`${id}-error`} message={error} testId="accept-error" />
      <SubmitButton pending={pending} label={mode === "new" ? "Create account and join" : "Join"} pendingLabel="Joining…" testId="accept-submit" />
    </form>
  );
}
