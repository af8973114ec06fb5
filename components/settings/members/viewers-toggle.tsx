"use client";

import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { setViewersSeeContent } from "@/components/settings/members/members-api";

/** "Viewers see inputs and outputs": a switch that saves on change. */
export function ViewersToggle({ value, onChanged }: { value: boolean; onChanged: () => void }) {
  const id = useId();
  const save = useMutation({ mutationFn: setViewersSeeContent, onSuccess: onChanged });
  const checked = save.isPending && save.variables !== undefined ? save.variables : value;
  return (
    <div className="max-w-2xl space-y-1">
      <div className="flex items-center gap-3">
        <button
          id={id}
          type="button"
          role="switch"
          aria-checked={checked}
          data-testid="viewers-see-content"
          disabled={save.isPending}
          onClick={() => save.mutate(!checked)}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full outline-none transition-colors focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-70 ${checked ? "bg-slate-900" : "bg-slate-300"}`}
        >
          <span aria-hidden className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${checked ? "translate-x-5" : "translate-x-0.5"}`} />
        </button>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          Viewers see inputs and outputs
        </label>
      </div>
      <p className="text-xs text-slate-500" data-testid="viewers-see-content-hint">
        Off: members with the viewer role see runs, timings and costs, but not what went in and came out of each node: inputs, outputs, attribute
        values, log bodies and ledger payloads show as hidden, in the dashboard and the API. On: their reads of them are in the access log.
      </p>
      {save.isError ? (
        <p role="alert" className="text-xs text-red-800">
          {save.error.message}
        </p>
      ) : null}
    </div>
  );
}
