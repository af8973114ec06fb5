"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { RedactionRule, RedactionSettings } from "@/lib/redaction/types";
import { fetchJson } from "@/components/ui/api-client";
import { SubmitButton } from "@/components/ui/form-parts";
import { NotAllowed } from "@/components/ui/not-allowed";
import { RuleRow } from "@/components/settings/redaction/rule-row";
import { RedactionPreview } from "@/components/settings/redaction/redaction-preview";

const saveRules = (rules: RedactionRule[]) => fetchJson<RedactionSettings>("/api/v1/settings/redaction", { method: "POST", body: { rules } });

interface Props {
  initial: RedactionSettings;
  /** The admin scope: without it the rules are shown, not edited. */
  mayEdit: boolean;
  /** The preview shows sample text as redacted: refused to a viewer kept from content. */
  mayPreview: boolean;
}

/** The tenant's rules in order: add detectors or custom patterns, choose actions, preview, save. */
export function RedactionForm({ initial, mayEdit, mayPreview }: Props) {
  const [rules, setRules] = useState<RedactionRule[]>(initial.rules);
  const save = useMutation({ mutationFn: saveRules, onSuccess: (saved) => setRules(saved.rules) });
  const update = (index: number, rule: RedactionRule) => setRules((current) => current.map((old, i) => (i === index ? rule : old)));
  const remove = (index: number) => setRules((current) => current.filter((_, i) => i !== index));
  const add = (rule: RedactionRule) => setRules((current) => [...current, rule]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(rules);
  };
  return (
    <>
      <form onSubmit={submit} noValidate className="flex max-w-3xl flex-col gap-3">
        {/* Disabled for those who may not change them: the rules stay readable, out of the tab order. */}
        <fieldset disabled={!mayEdit} className="contents">
          {rules.length === 0 ? (
            <p data-testid="redaction-none" className="text-sm text-slate-600">
              No rules: everything is stored as sent.
            </p>
          ) : (
            <ol className="flex flex-col gap-2">
              {rules.map((rule, i) => (
                <RuleRow key={i} rule={rule} index={i} onChange={(next) => update(i, next)} onRemove={mayEdit ? () => remove(i) : null} />
              ))}
            </ol>
          )}
        </fieldset>
        {mayEdit ? (
          <>
            <div className="flex flex-wrap gap-2 text-sm">
              <button type="button" data-testid="redaction-add-detector" onClick={() => add({ kind: "detector", detector: "email", action: "mask" })} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
                Add a detector
              </button>
              <button type="button" data-testid="redaction-add-pattern" onClick={() => add({ kind: "pattern", name: "", pattern: "", action: "mask" })} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
                Add a custom pattern
              </button>
            </div>
            <div className="flex items-center gap-3">
              <SubmitButton pending={save.isPending} label="Save rules" pendingLabel="Saving…" testId="redaction-save" />
              {save.isError ? (
                <span role="alert" data-testid="redaction-error" className="text-sm text-red-700">
                  {save.error.message}
                </span>
              ) : null}
              {save.isSuccess ? (
                <span role="status" data-testid="redaction-saved" className="text-sm text-slate-600">
                  Saved. New telemetry is redacted within 10 seconds; what is stored already is not changed.
                </span>
              ) : null}
            </div>
          </>
        ) : (
          <NotAllowed testId="redaction-not-allowed">Only admins of this tenant can change the redaction rules.</NotAllowed>
        )}
      </form>
      {mayPreview ? <RedactionPreview rules={rules} /> : null}
    </>
  );
}
