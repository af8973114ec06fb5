"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ErrorPanel } from "@/components/empty-state";
import { tokenLineage } from "@/lib/runs/lineage";
import type { RunDag, SpanSummary } from "@/lib/runs/types";
import { runApi, runKeys } from "@/components/runs/api";
import { useReplaceParams } from "@/components/ui/url-params";
import { NodeInspector } from "@/components/runs/node-inspector/node-inspector";
import { RunDagView } from "@/components/runs/run-dag";
import { RunHeader } from "@/components/runs/run-page/run-header";
import { RunDetails } from "@/components/runs/run-page/run-details";
import { runTabOf } from "@/components/runs/run-page/run-tabs";
import { useLiveRun } from "@/components/runs/run-page/use-live-run";

/** Polling interval while the live stream is down and the run is still running. */
const FALLBACK_POLL_MS = 2000;

interface Props {
  initialDag: RunDag;
  /** When the server read initialDag (ms since the epoch): its age decides whether it is fresh. */
  loadedAt: number;
  previousRunId: string | null;
}

export function RunPageView({ initialDag, loadedAt, previousRunId }: Props) {
  const runId = initialDag.run.runId;
  const searchParams = useSearchParams();
  const tab = runTabOf(searchParams.get("tab"));
  const selectedNodeId = searchParams.get("node");
  const selectedToken = searchParams.get("token");

  // Linkable view state (tab, node, token) lives in the URL.
  const setParam = useReplaceParams();

  const [running, setRunning] = useState(initialDag.run.status === "running");
  const live = useLiveRun(runId, running);
  const dagQuery = useQuery({
    queryKey: runKeys.dag(runId),
    queryFn: ({ signal }) => runApi.dag(runId, signal),
    // Fresh from the server: no refetch on mount; the live stream (or the poll below) says when it changes.
    initialData: initialDag,
    // Never later than now, so a server clock ahead of the browser's cannot keep it fresh longer.
    initialDataUpdatedAt: Math.min(loadedAt, Date.now()),
    refetchInterval: (query) => (query.state.data?.run.status === "running" && live !== "live" ? FALLBACK_POLL_MS : false),
  });
  const dag = dagQuery.data;
  useEffect(() => setRunning(dag.run.status === "running"), [dag.run.status]);
  const ledger = useQuery({
    queryKey: runKeys.ledger(runId),
    queryFn: ({ signal }) => runApi.ledger(runId, signal),
    enabled: tab === "ledger" || selectedToken !== null,
  });

  const events = ledger.data?.events;
  const highlight = useMemo(() => (events && selectedToken ? tokenLineage(events, selectedToken) : null), [events, selectedToken]);
  const selectedNode = dag.nodes.find((node) => node.id === selectedNodeId) ?? null;
  const nodeIds = useMemo(() => new Set(dag.nodes.map((node) => node.id)), [dag.nodes]);

  const selectNode = useCallback((id: string | null) => setParam({ node: id }), [setParam]);
  const selectSpan = useCallback(
    (span: SpanSummary) => {
      const id = span.nodeName && nodeIds.has(span.nodeName) ? span.nodeName : nodeIds.has(span.spanId) ? span.spanId : null;
      if (id) setParam({ node: id });
    },
    [nodeIds, setParam],
  );

  return (
    <div data-testid="run-page" data-run-status={dag.run.status}>
      <RunHeader run={dag.run} previousRunId={previousRunId} live={live} />
      {dagQuery.isError ? <ErrorPanel message={`Refreshing the run failed: ${dagQuery.error.message}`} /> : null}
      <section aria-label="Run graph" className={`grid gap-4 ${selectedNode ? "lg:grid-cols-[minmax(0,1fr)_400px]" : ""}`}>
        <div className="rounded-lg border border-slate-200 bg-white">
          <RunDagView nodes={dag.nodes} edges={dag.edges} selectedNodeId={selectedNodeId} onSelectNode={selectNode} highlight={highlight} height={selectedNode ? 560 : 480} />
          {dag.omittedNodes > 0 ? (
            <p data-testid="dag-omitted" className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
              {dag.omittedNodes.toLocaleString("en-US")} nodes omitted: the graph draws the first {dag.nodes.length.toLocaleString("en-US")} (by start, and failed spans); the timeline has every span.
            </p>
          ) : null}
        </div>
        {selectedNode ? <NodeInspector key={selectedNode.id} runId={runId} node={selectedNode} onClose={() => selectNode(null)} /> : null}
      </section>
      <RunDetails
        runId={runId}
        spanCount={dag.run.spanCount}
        tab={tab}
        onTab={(next) => setParam({ tab: next === "timeline" ? null : next })}
        ledger={{ events, error: ledger.error }}
        selectedToken={selectedToken}
        onSelectToken={(token) => setParam({ token })}
        onSelectSpan={selectSpan}
      />
    </div>
  );
}
