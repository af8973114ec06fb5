"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { AlertCondition, AlertRuleCreated } from "@/lib/alerts/types";
import { FormField, inputClass } from "@/components/prices/form-field";
import { fetchJson } from "@/components/ui/api-client";
import { FormError, SubmitButton } from "@/components/ui/form-parts";

const CONDITIONS: { value: AlertCondition; label: string; unit: string | null; hint: string }[] = [
  { value: "error_rate", label: "Error rate above", unit: "%", hint: "Failed runs among the finished ones that started in the window (at least 5 finished)." },
  { value: "p95_duration", label: "p95 run duration above", unit: "ms", hint: "Over finished runs that started in the window (at least 5)." },
  { value: "cost_per_day", label: "Spend over 24 hours above", unit: "USD", hint: "Cost of the runs that started in the last 24 hours." },
  { value: "version_regressed", label: "A new version regressed", unit: null, hint: "Fires while a deployment's newest version is judged regressed against the one before it." },
];

const createRule = (body: Record<string, unknown>) => fetchJson<AlertRuleCreated>("/api/v1/alert-rules", { method: "POST", body });

/** Creates an alert rule; its signing secret is shown once, here. */
export function AlertRuleForm({ workloads, webhookHosts, onCreated }: { workloads: string[]; webhookHosts: string[]; onCreated: () => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [workload, setWorkload] = useState("");
  const [deployment, setDeployment] = useState("");
  const [condition, setCondition] = useState<AlertCondition>("error_rate");
  const [threshold, setThreshold] = useState("5");
  const [windowMinutes, setWindowMinutes] = useState("60");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({ mutationFn: createRule, onSuccess: onCreated });
  const spec = CONDITIONS.find((c) => c.value === condition)!;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(threshold);
    if (spec.unit && (threshold.trim() === "" || !Number.isFinite(value) || value < 0)) {
      setProblem(`Enter a threshold in ${spec.unit}, 0 or more.`);
      return;
    }
    setProblem(null);
    create.mutate({
      name: name.trim(),
      workload: workload || null,
      deployment: deployment.trim() || null,
      condition,
      threshold: spec.unit ? (condition === "error_rate" ? value / 100 : value) : null,
      windowMinutes: Number(windowMinutes),
      webhookUrl: webhookUrl.trim(),
    });
  };

  if (create.isSuccess) {
    return (
      <div data-testid="alert-rule-created" className="max-w-2xl rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-slate-800">
        <p className="font-medium">Rule “{create.data.rule.name}” created.</p>
        <p className="mt-2">
          Its webhooks are signed with this secret; it is shown only now. Check each request&apos;s <code>x-codon-signature</code> with it (the API reference shows how).
        </p>
        <code data-testid="alert-rule-secret" className="mt-2 block rounded bg-white px-2 py-1 font-mono text-xs break-all ring-1 ring-emerald-200">
          {create.data.secret}
        </code>
        <button type="button" className="mt-3 rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-white" onClick={() => create.reset()}>
          Add another rule
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New alert rule" className="grid max-w-2xl grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormField id={`${id}-name`} label="Name" testId="alert-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="QA agent failing" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-workload`} className="text-xs font-medium text-slate-600">
          Workload
        </label>
        <select id={`${id}-workload`} data-testid="alert-workload" className={`${inputClass} border-slate-300`} value={workload} onChange={(e) => setWorkload(e.target.value)}>
          <option value="">Every workload</option>
          {workloads.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </div>
      <FormField id={`${id}-deployment`} label="Deployment" testId="alert-deployment" value={deployment} onChange={(e) => setDeployment(e.target.value)} placeholder="any" />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-condition`} className="text-xs font-medium text-slate-600">
          Condition
        </label>
        <select id={`${id}-condition`} data-testid="alert-condition" className={`${inputClass} border-slate-300`} value={condition} onChange={(e) => setCondition(e.target.value as AlertCondition)}>
          {CONDITIONS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <p className="text-xs text-slate-500">{spec.hint}</p>
      </div>
      {spec.unit ? (
        <FormField id={`${id}-threshold`} label={`Threshold (${spec.unit})`} testId="alert-threshold" required inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
      ) : (
        <div />
      )}
      {condition === "error_rate" || condition === "p95_duration" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-window`} className="text-xs font-medium text-slate-600">
            Over the last
          </label>
          <select id={`${id}-window`} data-testid="alert-window" className={`${inputClass} border-slate-300`} value={windowMinutes} onChange={(e) => setWindowMinutes(e.target.value)}>
            <option value="15">15 minutes</option>
            <option value="60">hour</option>
            <option value="360">6 hours</option>
            <option value="1440">24 hours</option>
          </select>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <FormField
          id={`${id}-webhook`}
          label="Webhook URL"
          testId="alert-webhook"
          required
          type="url"
          value={webhookUrl}
          onChange={(e) => setWebhookUrl(e.target.value)}
          placeholder={webhookHosts[0] ? `https://${webhookHosts[0].replace(/^\./, "hooks.")}/…` : "https://…"}
          hint={webhookHosts.length > 0 ? `Hosts this server may send to: ${webhookHosts.join(", ")} (ALERT_WEBHOOK_HOSTS).` : "This server allows no webhook hosts yet: its operator lists them in ALERT_WEBHOOK_HOSTS."}
        />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton pending={create.isPending} label="Create rule" pendingLabel="Creating…" testId="alert-create" />
        <FormError id={`${id}-error`} testId="alert-create-error" message={problem ?? (create.isError ? create.error.message : null)} />
      </div>
    </form>
  );
}
