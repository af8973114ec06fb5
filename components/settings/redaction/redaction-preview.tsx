"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { RedactionPreview as Preview, RedactionRule } from "@/lib/redaction/types";
import { fetchJson } from "@/components/ui/api-client";

type Sample = { text: string } | { runId: string };

const runPreview = ({ rules, sample }: { rules: RedactionRule[]; sample: Sample }) =>
  fetchJson<Preview>("/api/v1/settings/redaction/preview", { method: "POST", body: { rules, ...sample } });

/** Runs the rules as edited (not yet saved) over sample text or a stored run, showing before and after. */
export function RedactionPreview({ rules }: { rules: RedactionRule[] }) {
  const [text, setText] = useState("");
  const [runId, setRunId] = useState("");
  const preview = useMutation({ mutationFn: runPreview });
  const run = (sample: Sample) => preview.mutate({ rules, sample });
  return (
    <section className="mt-6 flex max-w-3xl flex-col gap-2" aria-labelledby="redaction-preview-title">
      <h2 id="redaction-preview-title" className="text-sm font-semibold text-slate-800">
        Preview
      </h2>
      <textarea aria-label="Sample text" data-testid="redaction-preview-text" rows={3} value={text} onChange={(event) => setText(event.target.value)} placeholder="Paste text with an email, a card number, a key…" className="rounded-md border border-slate-300 px-2 py-1 font-mono text-sm" />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" data-testid="redaction-preview-run-text" disabled={text === ""} onClick={() => run({ text })} className="rounded-md bg-slate-800 px-3 py-1 text-sm text-white disabled:opacity-50">
          Preview on this text
        </button>
        <span className="text-sm text-slate-500">or on a run:</span>
        <input aria-label="Run id" data-testid="redaction-preview-run-id" value={runId} onChange={(event) => setRunId(event.target.value)} placeholder="run id" className="w-64 rounded-md border border-slate-300 px-2 py-1 font-mono text-sm" />
        <button type="button" data-testid="redaction-preview-run-run" disabled={runId.trim() === ""} onClick={() => run({ runId: runId.trim() })} className="rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-50">
          Preview on the run
        </button>
      </div>
      {preview.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {preview.error.message}
        </p>
      ) : null}
      {preview.data ? (
        <div data-testid="redaction-preview-result" className="flex flex-col gap-2">
          <p data-testid="redaction-preview-total" className="text-sm text-slate-700">
            {preview.data.total} {preview.data.total === 1 ? "value" : "values"} would be redacted in {preview.data.samples.length} {preview.data.samples.length === 1 ? "text" : "texts"}.
          </p>
          {preview.data.samples.map((sample, i) => (
            <div key={i} className="rounded-md border border-slate-200 bg-white p-2 text-xs">
              <p className="text-slate-500">
                {sample.source}
                {sample.nodeName ? ` of ${sample.nodeName}` : ""} · {sample.count} redacted
              </p>
              <pre data-testid="redaction-preview-after" className="whitespace-pre-wrap break-all font-mono text-slate-800">
                {sample.after}
              </pre>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
