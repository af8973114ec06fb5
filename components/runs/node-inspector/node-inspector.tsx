"use client";

import { useQuery } from "@tanstack/react-query";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCost, formatMs, formatTokens } from "@/components/ui/format";
import type { DagNode, NodeSpecView } from "@/lib/runs/types";
import { hasChildUsage } from "@/lib/runs/usage-totals";
import { runApi, runKeys } from "@/components/runs/api";
import { Activation } from "@/components/runs/node-inspector/activation";
import { Payload } from "@/components/runs/node-inspector/payload";
import { NodeLogs } from "@/components/runs/logs-table/log-excerpt";
import { describeAttempts } from "@/components/runs/attempts";

interface Props {
  runId: string;
  node: DagNode;
  onClose: () => void;
  /** The activation feedback goes on (the Scores tab's form), and how to pick another and open the form. */
  scoredSpanId?: string | null;
  onScoreActivation?: (spanId: string) => void;
}

/** Everything known about one node of a run; opens beside the DAG when a node is selected. */
export function NodeInspector({ runId, node, onClose, scoredSpanId = null, onScoreActivation }: Props) {
  const detail = useQuery({
    queryKey: runKeys.node(runId, node.id),
    queryFn: ({ signal }) => runApi.node(runId, node.id, signal),
  });
  return (
    <aside data-testid="node-inspector" data-node-id={node.id} aria-label={`Node ${node.name}`} className="flex max-h-[640px] flex-col overflow-hidden rounded-lg border border-slate-200 bg-slate-50">
      <div className="flex items-start gap-2 border-b border-slate-200 bg-white px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold" title={node.name}>
            {node.name}
          </h2>
          <p className="text-xs text-slate-500">
            {node.role ?? "no role"} · {node.attempts ? describeAttempts(node.attempts) : `${node.activations} activation${node.activations === 1 ? "" : "s"}`}
          </p>
        </div>
        <StatusBadge status={node.status} />
        <button type="button" onClick={onClose} aria-label="Close the inspector" className="ml-auto rounded px-2 text-slate-500 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400">
          ✕
        </button>
      </div>
      <div className="overflow-y-auto px-4 py-3 text-sm">
        <dl className="grid grid-cols-3 gap-2 text-xs">
          <div>
            <dt className="text-slate-500">Time</dt>
            <dd className="font-medium tabular-nums">{formatMs(node.durationMs)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Tokens</dt>
            <dd className="font-medium tabular-nums">
              {formatTokens(node.inputTokens)} → {formatTokens(node.outputTokens)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{hasChildUsage(node) ? "Self cost" : "Cost"}</dt>
            <dd className="font-medium tabular-nums" data-testid="inspector-cost-self">
              {formatCost(node.costUsd)}
            </dd>
          </div>
        </dl>
        {hasChildUsage(node) ? (
          <p className="mt-2 text-xs text-slate-600" data-testid="inspector-cost-total">
            Including children: <span className="font-medium tabular-nums">{formatCost(node.total.costUsd)}</span> ·{" "}
            <span className="tabular-nums">
              {formatTokens(node.total.inputTokens)} → {formatTokens(node.total.outputTokens)}
            </span>{" "}
            tokens. The figures above are this node&apos;s own; usage a span repeats from its children is counted once.
          </p>
        ) : null}
        {node.errorMessage && node.attempts && node.status !== "failed" ? (
          <p data-testid="inspector-node-recovered" className="mt-3 rounded bg-amber-50 px-2 py-1 text-amber-900">
            Recovered from: {node.errorMessage}
          </p>
        ) : node.errorMessage ? (
          <p role="alert" data-testid="inspector-node-error" className="mt-3 rounded bg-red-50 px-2 py-1 text-red-800">
            {node.errorMessage}
          </p>
        ) : null}
        {node.status === "not_run" ? <p className="mt-3 text-slate-500">This node is part of the version&apos;s graph but did not run in this run.</p> : null}
        {detail.isPending ? <p role="status" className="mt-3 text-slate-500">Loading activations…</p> : null}
        {detail.isError ? <p role="alert" className="mt-3 text-red-700">Could not load the node: {detail.error.message}</p> : null}
        {detail.data?.spec ? <SpecSection spec={detail.data.spec} /> : null}
        {node.status !== "not_run" ? <NodeLogs runId={runId} nodeId={node.id} /> : null}
        {detail.data && detail.data.activations.length > 0 ? (
          <section className="mt-4">
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{node.attempts ? "Attempts" : "Activations"}</h3>
            {detail.data.activations.length < node.activations ? (
              <p data-testid="inspector-activations-cut" className="mb-2 text-xs text-slate-500">
                The first {detail.data.activations.length.toLocaleString("en-US")} of {node.activations.toLocaleString("en-US")}, by start; the timeline and the
                spans tab have every one.
              </p>
            ) : null}
            {detail.data.callUsageCut ? (
              <p data-testid="inspector-call-usage-cut" className="mb-2 text-xs text-amber-800">
                These activations held more LLM calls than the inspector reads at once: the tokens and cost of each below count the calls that
                started first.
              </p>
            ) : null}
            <div className="flex flex-col gap-2">
              {detail.data.activations.map((span, index) => (
                <Activation
                  key={`${span.traceId}:${span.spanId}`}
                  span={span}
                  index={index}
                  open={index === 0}
                  asAttempt={node.attempts !== null}
                  feedback={onScoreActivation ? { chosen: detail.data.activations.length > 1 && span.spanId === scoredSpanId, give: () => onScoreActivation(span.spanId) } : undefined}
                />
              ))}
            </div>
          </section>
        ) : null}
      </div>
    </aside>
  );
}

function SpecSection({ spec }: { spec: NodeSpecView }) {
  return (
    <section data-testid="inspector-spec" className="mt-4 rounded-md border border-slate-200 bg-white p-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Node spec</h3>
      <p className="mt-1 break-all font-mono text-xs text-slate-500" title="nodespec id">
        {spec.nodespecId}
      </p>
      {spec.callableSignature ? (
        <pre data-testid="inspector-signature" className="mt-2 whitespace-pre-wrap break-words font-mono text-xs text-slate-800">
          {spec.callableSignature}
        </pre>
      ) : null}
      {spec.modelName ? (
        <p className="mt-2 text-xs">
          model <strong className="font-medium">{spec.modelName}</strong>
          {spec.modelVersion ? ` (${spec.modelVersion})` : ""}
        </p>
      ) : null}
      {spec.inputSchema ? <Payload label="Input schema" text={spec.inputSchema} /> : null}
      {spec.outputSchema ? <Payload label="Output schema" text={spec.outputSchema} /> : null}
    </section>
  );
}
