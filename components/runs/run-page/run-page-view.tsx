"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ErrorPanel } from "@/components/empty-state";
import { tokenLineage } from "@/lib/runs/lineage";
import { groupByOf, type GroupBy } from "@/lib/runs/dag-groups";
import type { Activation } from "@/lib/runs/as-it-ran/types";
import type { Rights } from "@/lib/auth/rights";
import type { RunDag, SpanSummary } from "@/lib/runs/types";
import { runApi, runKeys } from "@/components/runs/api";
import { useParamsHref, useReplaceParams } from "@/components/ui/url-params";
import { NodeInspector } from "@/components/runs/node-inspector/node-inspector";
import { DagGroupSelect, RunDagView } from "@/components/runs/run-dag";
import { AsItRanView } from "@/components/runs/as-it-ran/as-it-ran-view";
import { RunHeader } from "@/components/runs/run-page/run-header";
import { RunDetails } from "@/components/runs/run-page/run-details";
import { runTabOf } from "@/components/runs/run-page/run-tabs";
import { graphViewOf, GraphViewSwitch, type GraphView } from "@/components/runs/run-page/graph-view";
import { formatTimestampIso } from "@/components/ui/format";
import { useLiveRun } from "@/components/runs/run-page/use-live-run";
import { useScoreTarget } from "@/components/runs/run-page/use-score-target";
import { ReplayControls } from "@/components/replay/replay-controls";
import { ReplayPanel } from "@/components/replay/replay-panel";
import { useReplay } from "@/components/replay/use-replay";

/** Polling interval while the live stream is down and the run is still running. */
const FALLBACK_POLL_MS = 2000;
/** While the server's graph of a large run lags the run (`graphAsOf`), asked for again this often until it is current. */
const GRAPH_CATCH_UP_MS = 1000;

const showFeedbackForm = () => document.querySelector<HTMLElement>('[data-testid="feedback-form"]')?.scrollIntoView({ block: "nearest" });

interface Props {
  initialDag: RunDag;
  /** When the server read initialDag (ms since the epoch): its age decides whether it is fresh. */
  loadedAt: number;
  previousRunId: string | null;
  /** What the signed-in principal may do: controls the server would refuse are not drawn. */
  rights: Rights;
}

export function RunPageView({ initialDag, loadedAt, previousRunId, rights }: Props) {
  const runId = initialDag.run.runId;
  const searchParams = useSearchParams();
  const tab = runTabOf(searchParams.get("tab"));
  const selectedNodeId = searchParams.get("node");
  const selectedToken = searchParams.get("token");
  // The selected node's activation that feedback goes on (the first when absent).
  const selectedSpanId = searchParams.get("span");
  // Replay mode and its step (`?replay=<step>`, see components/replay).
  const replayParam = searchParams.get("replay");
  // Aggregated (a node per node name) or as it ran (`?view=as-it-ran`, a node per activation); Replay draws on the aggregated graph.
  const view: GraphView = replayParam === null ? graphViewOf(searchParams.get("view")) : "aggregated";
  // Nodes of one role, service or name prefix folded into one box each (`?group=role|service|prefix`), aggregated view only.
  const groupBy = groupByOf(searchParams.get("group"));

  // Linkable view state (tab, node, token) lives in the URL.
  const setParam = useReplaceParams();
  const paramsHref = useParamsHref();

  const [running, setRunning] = useState(initialDag.run.status === "running");
  const live = useLiveRun(runId, running);
  const dagQuery = useQuery({
    queryKey: runKeys.dag(runId),
    queryFn: ({ signal }) => runApi.dag(runId, signal),
    // Fresh from the server: no refetch on mount; the live stream (or the poll below) says when it changes.
    initialData: initialDag,
    // Never later than now, so a server clock ahead of the browser's cannot keep it fresh longer.
    initialDataUpdatedAt: Math.min(loadedAt, Date.now()),
    refetchInterval: (query) =>
      query.state.data?.graphAsOf ? GRAPH_CATCH_UP_MS : query.state.data?.run.status === "running" && live !== "live" ? FALLBACK_POLL_MS : false,
  });
  const dag = dagQuery.data;
  useEffect(() => setRunning(dag.run.status === "running"), [dag.run.status]);
  const ledger = useQuery({
    queryKey: runKeys.ledger(runId),
    queryFn: ({ signal }) => runApi.ledger(runId, signal),
    enabled: tab === "ledger" || selectedToken !== null || replayParam !== null,
  });

  const events = ledger.data?.events;
  const replay = useReplay(events, replayParam);
  const replayOpenedHere = useRef(false);
  const openReplay = useCallback(() => {
    replayOpenedHere.current = true;
    setParam({ replay: "1" });
  }, [setParam]);
  const exitReplay = useCallback(() => {
    replayOpenedHere.current = false;
    replay?.dispose();
    setParam({ replay: null });
  }, [replay, setParam]);
  const highlight = useMemo(() => (events && selectedToken ? tokenLineage(events, selectedToken) : null), [events, selectedToken]);
  const selectedNode = dag.nodes.find((node) => node.id === selectedNodeId) ?? null;
  const nodeIds = useMemo(() => new Set(dag.nodes.map((node) => node.id)), [dag.nodes]);

  // setParam is stable, so the graph (memoised) does not re-render when only the URL moved (a replay step written to it).
  const selectNode = useCallback((id: string | null) => setParam({ node: id, span: null }), [setParam]);
  const selectSpan = useCallback(
    (span: SpanSummary) => {
      const id = span.nodeName && nodeIds.has(span.nodeName) ? span.nodeName : nodeIds.has(span.spanId) ? span.spanId : null;
      // The span, when it is one of the node's activations, is the one feedback goes on.
      if (id) setParam({ node: id, span: span.spanId });
    },
    [nodeIds, setParam],
  );
  // An activation selects its node (the inspector), its span (timeline, feedback) and the token it took (ledger rows).
  const selectActivation = useCallback(
    (activation: Activation | null, tokenId: string | null) => {
      if (!activation) {
        setParam({ node: null, span: null });
        return;
      }
      const node = nodeIds.has(activation.nodeName) ? activation.nodeName : null;
      setParam({ node, span: activation.spanId, token: tokenId });
    },
    [nodeIds, setParam],
  );
  const switchView = useCallback((next: GraphView) => setParam({ view: next === "aggregated" ? null : next }), [setParam]);
  const switchGroup = useCallback((next: GroupBy | null) => setParam({ group: next }), [setParam]);
  const scoreTarget = useScoreTarget(runId, selectedNode, selectedSpanId);
  const selectScoredNode = useCallback((id: string, spanId: string | null) => setParam({ node: id, span: spanId }), [setParam]);
  // "Give feedback" in the inspector opens the Scores tab on that activation and brings its form into view.
  const revealForm = useRef(false);
  const scoreActivation = useCallback(
    (spanId: string) => {
      if (tab === "scores" && spanId === selectedSpanId) {
        showFeedbackForm();
        return;
      }
      revealForm.current = true;
      setParam({ span: spanId, tab: "scores" });
    },
    [setParam, tab, selectedSpanId],
  );
  useEffect(() => {
    if (!revealForm.current || tab !== "scores") return;
    revealForm.current = false;
    showFeedbackForm();
  }, [tab, selectedSpanId]);

  return (
    <div data-testid="run-page" data-run-status={dag.run.status}>
      <RunHeader run={dag.run} previousRunId={previousRunId} live={live} redactedValues={dag.redactedValues} mayExportLedger={rights.content} />
      {dagQuery.isError ? <ErrorPanel message={`Refreshing the run failed: ${dagQuery.error.message}`} /> : null}
      <section aria-label="Run graph" className={`grid gap-4 ${selectedNode || replay ? "lg:grid-cols-[minmax(0,1fr)_400px]" : ""}`}>
        <div className="min-w-0 rounded-lg border border-slate-200 bg-white">
          {replay ? <ReplayControls store={replay} onExit={exitReplay} autoFocus={replayOpenedHere.current} /> : <GraphToolbar view={view} onView={switchView} onReplay={openReplay} groupBy={groupBy} onGroupBy={switchGroup} />}
          {view === "as-it-ran" ? (
            <AsItRanView runId={runId} selectedSpanId={selectedSpanId} onSelectActivation={selectActivation} height={selectedNode ? 560 : 480} />
          ) : (
            <RunDagView
              nodes={dag.nodes}
              edges={dag.edges}
              selectedNodeId={selectedNodeId}
              onSelectNode={selectNode}
              highlight={highlight}
              replay={replay}
              groupBy={groupBy}
              height={selectedNode || replay ? 560 : 480}
            />
          )}
          {view === "aggregated" && dag.graphAsOf ? (
            <p role="status" data-testid="dag-as-of" className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
              Graph as of {formatTimestampIso(dag.graphAsOf)}: the run has changed since, and an updated graph is being built. The header above is current.
            </p>
          ) : null}
          {view === "aggregated" && dag.omittedNodes > 0 ? (
            <p data-testid="dag-omitted" className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
              {dag.omittedNodes.toLocaleString("en-US")} nodes omitted: the graph draws the first {dag.nodes.length.toLocaleString("en-US")} (by start, and failed spans); the timeline has every span.
            </p>
          ) : null}
          {view === "aggregated" && dag.spansUnread > 0 ? (
            <p data-testid="dag-spans-unread" className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
              {dag.spansUnread.toLocaleString("en-US")} of this run&apos;s spans (past its first by start) were not read for the graph: node totals are each node&apos;s own usage, and links between nodes come from the spans read.
            </p>
          ) : null}
        </div>
        {selectedNode || replay ? (
          <div className="flex min-w-0 flex-col gap-4">
            {replay ? <ReplayPanel store={replay} error={ledger.error} /> : null}
            {selectedNode ? (
              <NodeInspector
                key={selectedNode.id}
                runId={runId}
                node={selectedNode}
                onClose={() => selectNode(null)}
                scoredSpanId={scoreTarget.target?.spanId ?? null}
                onScoreActivation={rights.feedback ? scoreActivation : undefined}
              />
            ) : null}
          </div>
        ) : null}
      </section>
      <RunDetails
        runId={runId}
        spanCount={dag.run.spanCount}
        tab={tab}
        onTab={(next) => setParam({ tab: next === "timeline" ? null : next })}
        tabHref={(next) => paramsHref({ tab: next === "timeline" ? null : next })}
        ledger={{ events, error: ledger.error }}
        selectedToken={selectedToken}
        onSelectToken={(token) => setParam({ token })}
        onSelectSpan={selectSpan}
        rights={rights}
        scores={{ target: scoreTarget.target, note: scoreTarget.note, nodeIds, onSelectNode: selectScoredNode }}
      />
    </div>
  );
}

/** Above the graph: what can be done with it as a whole. */
function GraphToolbar(props: { view: GraphView; onView: (view: GraphView) => void; onReplay: () => void; groupBy: GroupBy | null; onGroupBy: (next: GroupBy | null) => void }) {
  const aggregated = props.view === "aggregated";
  return (
    <div className="flex items-center gap-3 border-b border-slate-100 px-3 py-1.5">
      <GraphViewSwitch view={props.view} onView={props.onView} />
      {aggregated ? <DagGroupSelect groupBy={props.groupBy} onGroupBy={props.onGroupBy} /> : null}
      {aggregated ? <span className="ml-auto"><ReplayButton onReplay={props.onReplay} /></span> : null}
    </div>
  );
}

/** Replay steps through the ledger on the aggregated graph. */
function ReplayButton({ onReplay }: { onReplay: () => void }) {
  return (
    <button
      type="button"
      data-testid="replay-open"
      onClick={onReplay}
      title="Replay the run's audit ledger step by step (Space plays and pauses, arrows step)"
      className="inline-flex items-center gap-1.5 rounded-md border border-violet-300 bg-violet-50 px-3 py-1 text-sm font-medium text-violet-900 outline-none hover:bg-violet-100 focus-visible:ring-2 focus-visible:ring-sky-400"
    >
      <svg aria-hidden viewBox="0 0 20 20" width={14} height={14} fill="currentColor">
        <path d="M6 4v12l10-6z" />
      </svg>
      Replay
    </button>
  );
}
