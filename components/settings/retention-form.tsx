"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { RetentionSetting } from "@/lib/retention/types";
import { retentionSentence } from "@/lib/retention/describe";
import { FormField } from "@/components/prices/form-field";
import { fetchJson } from "@/components/ui/api-client";
import { SubmitButton } from "@/components/ui/form-parts";
import { NotAllowed } from "@/components/ui/not-allowed";

const saveRetention = (days: number | null) => fetchJson<RetentionSetting>("/api/v1/settings/retention", { method: "POST", body: { days } });

/** A whole number of days, or blank for the server's default; null when it is neither. */
function parseDays(text: string): { days: number | null } | null {
  const trimmed = text.trim();
  if (trimmed === "") return { days: null };
  return /^\d{1,5}$/.test(trimmed) ? { days: Number(trimmed) } : null;
}

/** Sets how many days of runs the tenant keeps; blank follows the server's RETENTION_DAYS. Without `mayEdit` (the admin scope) it only says. */
export function RetentionForm({ initial, mayEdit }: { initial: RetentionSetting; mayEdit: boolean }) {
  const id = useId();
  const [setting, setSetting] = useState(initial);
  const [text, setText] = useState(initial.tenantDays === null ? "" : String(initial.tenantDays));
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({ mutationFn: saveRetention, onSuccess: setSetting });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDays(text);
    if (!parsed) {
      setError("Enter a whole number of days (0 keeps everything), or leave it blank for the server's default.");
      return;
    }
    setError(undefined);
    save.mutate(parsed.days);
  };

  const current = (
    <p data-testid="retention-current" className="text-sm text-slate-800">
      {retentionSentence(setting.days)}
      {setting.tenantDays === null ? " (the server's default)" : null}
    </p>
  );
  if (!mayEdit)
    return (
      <div className="flex max-w-md flex-col gap-3">
        {current}
        <NotAllowed testId="retention-not-allowed">Only admins of this tenant can change how long runs are kept.</NotAllowed>
      </div>
    );
  return (
    <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-3">
      {current}
      <FormField
        id={`${id}-days`}
        label="Days of runs to keep"
        testId="retention-days"
        inputMode="numeric"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={String(setting.defaultDays)}
        hint={`0 keeps everything. Blank follows the server's RETENTION_DAYS (${setting.defaultDays}).`}
        error={error ?? (save.isError ? save.error.message : undefined)}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pending={save.isPending} label="Save" pendingLabel="Saving…" testId="retention-save" />
        {save.isSuccess ? (
          <span role="status" data-testid="retention-saved" className="text-sm text-slate-600">
            Saved. Older runs are removed within 10 minutes.
          </span>
        ) : null}
      </div>
    </form>
  );
}
