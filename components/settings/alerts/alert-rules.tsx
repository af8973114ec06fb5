"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AlertEventView, AlertRuleList, AlertRuleView } from "@/lib/alerts/types";
import { fetchJson } from "@/components/ui/api-client";
import { alertFigure } from "@/lib/alerts/describe";
import { AlertHistory } from "@/components/settings/alerts/alert-history";
import { AlertRuleForm } from "@/components/settings/alerts/alert-rule-form";
import { NotAllowed } from "@/components/ui/not-allowed";

const RULES_KEY = ["alert-rules"];

function condition(rule: AlertRuleView): string {
  if (rule.condition === "version_regressed") return "a new version regressed";
  if (rule.condition === "error_rate") return `error rate > ${((rule.threshold ?? 0) * 100).toFixed(1)}% over ${rule.windowMinutes} min`;
  if (rule.condition === "p95_duration") return `p95 duration > ${rule.threshold} ms over ${rule.windowMinutes} min`;
  return `spend over 24 h > $${rule.threshold}`;
}

const button = "rounded-md px-2 py-1 text-xs text-slate-700 ring-1 ring-slate-300 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-60";

function RuleRow({ rule, onChanged, mayEdit }: { rule: AlertRuleView; onChanged: () => void; mayEdit: boolean }) {
  const [open, setOpen] = useState(false);
  const test = useMutation({ mutationFn: () => fetchJson<AlertEventView>(`/api/v1/alert-rules/${rule.id}/test`, { method: "POST" }) });
  const remove = useMutation({ mutationFn: () => fetchJson<void>(`/api/v1/alert-rules/${rule.id}`, { method: "DELETE" }), onSuccess: onChanged });
  const delivered = test.data?.deliveries[0];
  return (
    <li data-testid="alert-rule" data-rule-id={rule.id} data-state={rule.state} className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${rule.state === "firing" ? "bg-red-100 text-red-800" : "bg-emerald-50 text-emerald-800"}`}>{rule.state === "firing" ? "FIRING" : "ok"}</span>
        <span className="font-medium text-slate-900">{rule.name}</span>
        <span className="text-sm text-slate-600">
          {condition(rule)} · {rule.workload ?? "every workload"}
          {rule.deployment ? ` · ${rule.deployment}` : ""}
        </span>
        <span className="ml-auto flex gap-2">
          {mayEdit ? (
            <button type="button" className={button} data-testid="alert-test" disabled={test.isPending} onClick={() => test.mutate()}>
              {test.isPending ? "Sending…" : "Send test"}
            </button>
          ) : null}
          <button type="button" className={button} data-testid="alert-history-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            History
          </button>
          {mayEdit ? (
            <button
              type="button"
              className={button}
              data-testid="alert-delete"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete the rule “${rule.name}” and its history?`)) remove.mutate();
              }}
            >
              Delete
            </button>
          ) : null}
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        → <span className="font-mono">{rule.webhookUrl}</span>
        {rule.lastEvaluatedAt ? ` · last checked ${new Date(rule.lastEvaluatedAt).toISOString().slice(11, 19)} UTC, value ${rule.lastValue === null ? "— (too few runs)" : alertFigure(rule.condition, rule.lastValue)}` : " · not checked yet"}
      </p>
      {test.isSuccess ? (
        <p role="status" data-testid="alert-test-result" className={`mt-1 text-xs ${test.data.deliveredAt ? "text-emerald-700" : "text-red-800"}`}>
          {test.data.deliveredAt ? `Test delivered (HTTP ${delivered?.status}).` : `Test not delivered: ${delivered?.error ?? "no attempt"}. It is retried like any alert.`}
        </p>
      ) : null}
      {test.isError ? <p role="alert" className="mt-1 text-xs text-red-800">{test.error.message}</p> : null}
      {remove.isError ? <p role="alert" className="mt-1 text-xs text-red-800">{remove.error.message}</p> : null}
      {open ? <AlertHistory ruleId={rule.id} ruleName={rule.name} condition={rule.condition} /> : null}
    </li>
  );
}

/** The tenant's alert rules with their state, refreshed as they are evaluated, and (`mayEdit`: the admin scope) the form for a new one. */
export function AlertRules({ initial, workloads, webhookHosts, mayEdit }: { initial: AlertRuleList; workloads: string[]; webhookHosts: string[]; mayEdit: boolean }) {
  const client = useQueryClient();
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: ({ signal }) => fetchJson<AlertRuleList>("/api/v1/alert-rules", { signal }), initialData: initial, refetchInterval: 10_000 });
  const refresh = () => void client.invalidateQueries({ queryKey: RULES_KEY });
  return (
    <div className="space-y-6">
      {rules.data.rules.length === 0 ? (
        <p data-testid="alert-rules-empty" className="text-sm text-slate-600">
          No rules yet. A rule watches a workload&apos;s runs (or a new version&apos;s verdict) and tells a webhook when its condition starts and stops holding.
        </p>
      ) : (
        <ul className="space-y-2" data-testid="alert-rules">
          {rules.data.rules.map((rule) => (
            <RuleRow key={rule.id} rule={rule} onChanged={refresh} mayEdit={mayEdit} />
          ))}
        </ul>
      )}
      {mayEdit ? (
        <div>
          <h2 className="mb-2 text-sm font-semibold text-slate-800">New rule</h2>
          <AlertRuleForm workloads={workloads} webhookHosts={webhookHosts} onCreated={refresh} />
        </div>
      ) : (
        <NotAllowed testId="alerts-not-allowed">Only admins of this tenant can add, test or delete alert rules.</NotAllowed>
      )}
    </div>
  );
}
