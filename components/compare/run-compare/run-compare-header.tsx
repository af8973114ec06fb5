import Link from "next/link";
import type { ReactNode } from "react";
import { DeltaCell } from "@/components/compare/delta";
import { CopyButton } from "@/components/ui/copy-button";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCost, formatMs, formatTokens, shortId } from "@/components/ui/format";
import type { RunView } from "@/lib/runs/types";
import type { RunComparison } from "@/lib/workloads/types";

const enc = encodeURIComponent;
const count = (value: number) => value.toLocaleString("en-US");

function RunCard({ side, run }: { side: "a" | "b"; run: RunView }) {
  const title = run.workloadName ?? run.serviceName ?? "Run";
  return (
    <article data-testid="run-compare-side" data-side={side} className="min-w-0 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{side === "a" ? "Run a · baseline" : "Run b"}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <h2 className="truncate text-lg font-semibold">
          <Link href={`/runs/${enc(run.runId)}`} data-testid="run-compare-run-link" className="hover:underline" title="Open this run">
            {title}
            {run.workloadVersion ? <span className="text-slate-500">@{run.workloadVersion}</span> : null}
          </Link>
        </h2>
        <StatusBadge status={run.status} />
      </div>
      <div className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600">
        <span>
          run <code className="font-mono" title={run.runId}>{shortId(run.runId, 24)}</code>
          <CopyButton value={run.runId} label={`run ${side} id`} />
        </span>
        {run.logicId ? (
          <span>
            logic id <code className="font-mono" title={run.logicId}>{shortId(run.logicId)}</code>
          </span>
        ) : null}
        <span title={run.startTime}>started {run.startTime.replace("T", " ").replace(/\.\d+Z$/, " UTC")}</span>
      </div>
      {run.errorMessage ? (
        <p className="mt-2 line-clamp-2 text-sm text-red-800" title={run.errorMessage}>
          <strong className="font-semibold">Failed:</strong> {run.errorMessage}
        </p>
      ) : null}
    </article>
  );
}

/** Why the node table may show code changes, and where the version-level comparison is. */
function VersionNote({ a, b }: { a: RunView; b: RunView }) {
  let text: string;
  let href: string | null = null;
  if (a.workloadName !== b.workloadName) {
    text = `The runs are of different workloads (${a.workloadName ?? "none"} and ${b.workloadName ?? "none"}): nodes are matched by name only.`;
  } else if (!a.logicId && !b.logicId) {
    text = "Neither run has a version on record (no logic id): nodes are matched by name only.";
  } else {
    text = `The runs are of different versions of ${a.workloadName ?? "this workload"}: node differences may come from code changes.`;
    if (a.workloadName && a.logicId && b.logicId) href = `/workloads/${enc(a.workloadName)}/compare?a=${enc(a.logicId)}&b=${enc(b.logicId)}`;
  }
  return (
    <p data-testid="run-compare-version-note" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      {text}
      {href ? (
        <>
          {" "}
          <Link href={href} data-testid="run-compare-version-link" className="font-medium underline">
            Compare the two versions
          </Link>
        </>
      ) : null}
    </p>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-base">{children}</dd>
    </div>
  );
}

/** The two runs side by side, then their run-level figures as a → b. */
export function RunCompareHeader({ comparison }: { comparison: RunComparison }) {
  const { a, b } = comparison;
  return (
    <header data-testid="run-compare-header" className="mb-4">
      <div className="grid gap-3 md:grid-cols-2">
        <RunCard side="a" run={a} />
        <RunCard side="b" run={b} />
      </div>
      <dl data-testid="run-compare-figures" className="mt-3 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white px-4 py-3 sm:grid-cols-4">
        <Figure label="Duration">
          <DeltaCell a={a.durationMs} b={b.durationMs} format={formatMs} />
        </Figure>
        <Figure label="Nodes">
          <DeltaCell a={a.nodeCount} b={b.nodeCount} format={count} neutral />
        </Figure>
        <Figure label="Tokens">
          <DeltaCell a={a.totalTokens} b={b.totalTokens} format={formatTokens} />
        </Figure>
        <Figure label="Cost">
          <DeltaCell a={a.costUsd} b={b.costUsd} format={formatCost} />
        </Figure>
      </dl>
      {comparison.sameVersion ? null : <VersionNote a={a} b={b} />}
    </header>
  );
}
