import { formatCost, formatMs, formatTokens } from "@/components/ui/format";
import type { SpanDetail } from "@/lib/runs/types";
import { AttributesTable, Payload } from "@/components/runs/node-inspector/payload";

interface Props {
  span: SpanDetail;
  index: number;
  open: boolean;
  asAttempt?: boolean;
  /** Feedback on this activation: whether the form's target is this one (of several), and how to make it so. */
  feedback?: { chosen: boolean; give: () => void };
}

/** One activation of a node (or attempt, of a retried one): its own timing, usage, payloads, error and attributes. */
export function Activation({ span, index, open, asAttempt = false, feedback }: Props) {
  const failed = span.status === "error";
  const what = asAttempt ? "attempt" : "activation";
  return (
    <details open={open} data-testid="inspector-activation" className="rounded-md border border-slate-200 bg-white">
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
        <span className="font-medium">{asAttempt ? `Attempt ${span.attempt ?? index + 1}` : `#${index + 1}`}</span>
        <span className={failed ? "text-red-700" : "text-emerald-700"}>{failed ? "failed" : "ok"}</span>
        <span className="tabular-nums text-slate-600">{formatMs(span.durationMs)}</span>
        {span.inputTokens || span.outputTokens ? (
          <span className="tabular-nums text-slate-600">
            {formatTokens(span.inputTokens ?? 0)} → {formatTokens(span.outputTokens ?? 0)} tok
          </span>
        ) : null}
        {span.costUsd ? <span className="tabular-nums text-slate-600">{formatCost(span.costUsd)}</span> : null}
        {span.modelName ? <span className="text-xs text-violet-700">{span.modelName}</span> : null}
        {span.redactedCount > 0 ? (
          <span data-testid="inspector-redacted" className="text-xs text-amber-800" title="Values replaced at ingest by this tenant's redaction rules">
            {span.redactedCount} redacted
          </span>
        ) : null}
        {feedback?.chosen ? (
          <span data-testid="inspector-feedback-target" className="text-xs text-sky-700" title={`Feedback in the Scores tab goes on this ${what}`}>
            feedback target
          </span>
        ) : null}
        {span.requestModel && span.requestModel !== span.modelName ? (
          <span data-testid="inspector-request-model" className="text-xs text-slate-500">
            asked for {span.requestModel}
          </span>
        ) : null}
        <span className="ml-auto text-xs text-slate-400" title={span.startTimeUnixNano}>
          {new Date(Number(BigInt(span.startTimeUnixNano) / 1_000_000n)).toISOString().slice(11, 23)}
        </span>
      </summary>
      <div className="border-t border-slate-100 px-3 pb-3">
        {failed ? (
          <p role="alert" data-testid="inspector-error" className="mt-2 rounded bg-red-50 px-2 py-1 text-sm text-red-800">
            {span.statusMessage ?? "failed without a message"}
          </p>
        ) : null}
        {feedback ? (
          <button
            type="button"
            data-testid="inspector-give-feedback"
            onClick={feedback.give}
            className="mt-2 rounded-md px-2 py-1 text-xs font-medium text-sky-800 ring-1 ring-inset ring-sky-200 outline-none hover:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-400"
          >
            Give feedback on this {what}
          </button>
        ) : null}
        <UsageDetails span={span} />
        <Payload label="Input" text={span.input} testId="inspector-input" hidden={span.contentHidden} />
        <Payload label="Output" text={span.output} testId="inspector-output" hidden={span.contentHidden} />
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">
            Attributes ({Object.keys(span.attributes).length})
          </summary>
          <AttributesTable attributes={span.attributes} testId="inspector-attributes" hidden={span.contentHidden} />
        </details>
      </div>
    </details>
  );
}

/** Cache and reasoning counts, when the span reports any; a span that repeats its children's usage says so. */
function UsageDetails({ span }: { span: SpanDetail }) {
  const counts = [
    ["cache read", span.cacheReadTokens],
    ["cache write", span.cacheWriteTokens],
    ["reasoning", span.reasoningTokens],
  ].filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0);
  if (counts.length === 0 && span.countsUsage) return null;
  return (
    <p data-testid="inspector-usage-details" className="mt-2 text-xs tabular-nums text-slate-600">
      {counts.map(([label, value]) => `${formatTokens(value)} ${label}`).join(" · ")}
      {span.countsUsage ? null : <span className="ml-1 text-slate-400">(repeats its children's usage: not added to totals)</span>}
    </p>
  );
}
