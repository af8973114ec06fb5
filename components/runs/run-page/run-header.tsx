import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { RetriedBadge } from "@/components/ui/retried-badge";
import { LedgerBadge } from "@/components/ledger/ledger-badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCost, formatMs, formatTokens, shortId } from "@/components/ui/format";
import type { RunView } from "@/lib/runs/types";
import { runMetricsHref } from "@/components/metrics/links";
import type { LiveState } from "@/components/runs/run-page/use-live-run";

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd data-testid={testId} className="text-lg font-semibold tabular-nums">
        {value}
      </dd>
    </div>
  );
}

const LIVE_LABEL: Record<LiveState, string> = { connecting: "connecting…", live: "live", offline: "live updates off (polling)" };

interface Props {
  run: RunView;
  previousRunId: string | null;
  live: LiveState;
  redactedValues: number;
  /** The evidence bundle holds payloads byte for byte: refused to a viewer who may not see them. */
  mayExportLedger: boolean;
}

export function RunHeader({ run, previousRunId, live, redactedValues, mayExportLedger }: Props) {
  const title = run.workloadName ?? run.serviceName ?? "Run";
  const metricsHref = runMetricsHref(run);
  const versionHref = run.workloadName
    ? `/workloads/${encodeURIComponent(run.workloadName)}${run.logicId ? `?logicId=${encodeURIComponent(run.logicId)}` : ""}`
    : null;
  return (
    <header className="mb-4" data-testid="run-header">
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500">
        <Link href="/" className="hover:underline">
          Runs
        </Link>{" "}
        / <span className="font-mono">{shortId(run.runId, 24)}</span>
        <CopyButton value={run.runId} label="run id" />
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          {versionHref ? (
            <Link href={versionHref} data-testid="run-version-link" className="hover:underline" title="Version history of this workload">
              {title}
              {run.workloadVersion ? <span className="text-slate-500">@{run.workloadVersion}</span> : null}
            </Link>
          ) : (
            title
          )}
        </h1>
        <StatusBadge status={run.status} />
        {run.retried ? <RetriedBadge /> : null}
        <LedgerBadge runId={run.runId} runStatus={run.status} mayExport={mayExportLedger} />
        {run.status === "running" ? (
          <span data-testid="run-live-state" className="text-xs text-slate-500">
            {LIVE_LABEL[live]}
          </span>
        ) : null}
        <span className="ml-auto flex gap-2 text-sm">
          {previousRunId ? (
            <Link data-testid="run-previous-link" href={`/runs/${encodeURIComponent(previousRunId)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
              ← Previous run of {title}
            </Link>
          ) : null}
          {previousRunId ? (
            <Link
              data-testid="run-compare-link"
              href={`/runs/compare?a=${encodeURIComponent(previousRunId)}&b=${encodeURIComponent(run.runId)}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
            >
              Compare with previous run
            </Link>
          ) : null}
        </span>
      </div>
      <div className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600">
        {run.logicId ? (
          <span>
            logic id <code className="font-mono" title={run.logicId}>{shortId(run.logicId)}</code>
            <CopyButton value={run.logicId} label="logic id" />
          </span>
        ) : null}
        {run.deploymentId ? <span>deployment <strong className="font-medium">{run.deploymentId}</strong></span> : null}
        {run.serviceName ? <span>service {run.serviceName}</span> : null}
        {metricsHref ? (
          <Link href={metricsHref} data-testid="run-metrics-link" className="text-sky-700 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400" title={`Metrics of ${run.serviceName} around this run`}>
            Metrics
          </Link>
        ) : null}
        <span title={run.startTime}>started {run.startTime.replace("T", " ").replace(/\.\d+Z$/, " UTC")}</span>
        {redactedValues > 0 ? (
          <Link href="/settings/redaction" data-testid="run-redacted" className="text-amber-800 hover:underline" title="Values replaced at ingest by this tenant's redaction rules, in the run's spans">
            {redactedValues.toLocaleString("en-US")} {redactedValues === 1 ? "value" : "values"} redacted
          </Link>
        ) : null}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white px-4 py-3 sm:grid-cols-5">
        <Figure label="Duration" value={formatMs(run.durationMs)} testId="run-duration" />
        <Figure label="Nodes" value={String(run.nodeCount)} testId="run-nodes" />
        <Figure label="Spans" value={run.spanCount.toLocaleString("en-US")} />
        <Figure label="Tokens" value={`${formatTokens(run.inputTokens)} in · ${formatTokens(run.outputTokens)} out`} testId="run-tokens" />
        <Figure label="Cost" value={formatCost(run.costUsd)} testId="run-cost" />
      </dl>
      {run.errorMessage ? (
        <p role="alert" data-testid="run-error" className="mt-3 rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          <strong className="font-semibold">Failed:</strong> {run.errorMessage}
        </p>
      ) : null}
    </header>
  );
}
