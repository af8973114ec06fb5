"use client";
import { Panel, ReactFlowProvider, useStore, ViewportPortal, type EdgeTypes, type NodeTypes } from "@xyflow/react";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import type { GroupBy } from "@/lib/runs/dag-groups";
import type { DagDirection } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode } from "@/lib/runs/types";
import { DagEdgeView } from "@/components/runs/run-dag/dag-edge";
import { DagLegend } from "@/components/runs/run-dag/dag-legend";
import { DagNodeView } from "@/components/runs/run-dag/dag-node";
import { DagSearch } from "@/components/runs/run-dag/dag-search";
import { DagSegmentView } from "@/components/runs/run-dag/dag-segment";
import { DagGroupView } from "@/components/runs/run-dag/dag-group";
import { useFirstView, useJump, useRefitOnResize, useReveal, useRevealSelected } from "@/components/runs/run-dag/use-dag-camera";
import { useFoldedDag } from "@/components/runs/run-dag/use-folded-dag";
import { DagViewStore, DagViewStoreContext } from "@/components/runs/run-dag/dag-store";
import { liftHighlight } from "@/components/runs/run-dag/lift-highlight";
import { ReplayOverlay, type ReplaySource } from "@/components/runs/run-dag/replay-overlay";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { applyEdgeHighlight, shownThing, toFlowEdges, toFlowNodes, toGroupNodes, toSegmentNodes, type DagFlowEdge, type RunFlowNode } from "@/components/runs/run-dag/to-flow";
import { keepUnchanged } from "@/components/ui/flow-node-reuse";
import { laterCards, useStaged } from "@/components/ui/staged-draw";
import { ReadOnlyFlow } from "@/components/ui/read-only-flow";
import { FlowOverview } from "@/components/ui/flow-overview";

export interface RunDagViewProps {
  nodes: DagNode[];
  edges: DagEdge[];
  selectedNodeId: string | null;
  onSelectNode: (id: string | null) => void;
  /** Lineage to emphasise; edge key = `${source}->${target}`. Everything else dims. */
  highlight?: { nodeIds: ReadonlySet<string>; edgeKeys: ReadonlySet<string> } | null;
  /** Canvas height in px (the legend sits below it). */
  height?: number;
  direction?: DagDirection;
  /**
   * A replay session: its step's nodes are lit (the rest dimmed, the lineage highlight set aside) and
   * its token travels the step's edge. Steps reach the nodes through the store, never a re-layout.
   */
  replay?: ReplaySource | null;
  /** Fold nodes of one role or name prefix into a box each (`?group=`); null draws every node. */
  groupBy?: GroupBy | null;
}

const nodeTypes: NodeTypes = { dag: DagNodeView, segment: DagSegmentView, nodeGroup: DagGroupView };
const edgeTypes: EdgeTypes = { dag: DagEdgeView };
/** Above this many nodes React Flow mounts only what is on screen. */
const VISIBLE_ONLY_ABOVE = 150;
/** Below this zoom node text is unreadable, so nodes draw as plain status-coloured cards. */
const DETAIL_ZOOM = 0.35;
const miniMapColor = (n: RunFlowNode) =>
  STATUS_LOOK[n.type === "segment" ? n.data.segment.status : n.type === "nodeGroup" ? n.data.group.status : n.data.node.status].minimap;

/** Memoised: the run page re-renders on every URL change, the graph only when its own props change. */
export const RunDagView = memo(function RunDagView(props: RunDagViewProps) {
  if (props.nodes.length === 0) {
    return (
      <EmptyState title="No nodes recorded for this run yet" testId="run-dag-empty">
        Nodes appear here as the run&apos;s spans arrive.
      </EmptyState>
    );
  }
  return (
    <ReactFlowProvider>
      <ClientOnly height={props.height ?? 560}>
        <RunDagCanvas {...props} />
      </ClientOnly>
    </ReactFlowProvider>
  );
});

const noSubscribe = () => () => {};

/**
 * The canvas is drawn in the browser only: rendering it on the server ran the whole layout there too
 * (seconds for a big run, and the browser lays it out again on hydration) for HTML nobody can use
 * before the scripts load. The placeholder takes the drawn graph's room, legend included, so what is
 * below it (the run's tabs) does not move under a click when the graph draws.
 */
function ClientOnly({ height, children }: { height: number; children: ReactNode }) {
  const client = useSyncExternalStore(noSubscribe, () => true, () => false);
  if (client) return children;
  return (
    <section aria-label="Run graph" aria-busy="true" data-testid="run-dag-pending" className="rounded-lg border border-slate-200 bg-white">
      <div style={{ height }} className="flex items-center justify-center text-sm text-slate-500">
        Drawing the graph…
      </div>
      <DagLegend className="border-t border-slate-200 px-4 py-2" />
    </section>
  );
}

function RunDagCanvas({ nodes, edges, selectedNodeId, onSelectNode, highlight, height = 560, direction = "LR", replay = null, groupBy = null }: RunDagViewProps) {
  // Only graph data (and opening a folded group or chain) feeds the layout: selecting or highlighting never re-runs it.
  // Replay walks node by node, so it draws every node.
  const { folded, groups, layout, segmentsById, groupsById, expand, hidden, boxOf, reveal: unfold, refold, unfolded } = useFoldedDag(nodes, edges, direction, replay === null, groupBy);
  // A lineage through folded nodes lights their boxes and the merged edges, rather than dimming them.
  const lifted = useMemo(() => (highlight ? liftHighlight(highlight, edges, boxOf) : null), [highlight, edges, boxOf]);
  // The nodes handed to React Flow last, by id: a card that only moved (a chain opened before it) keeps its data, and is not rendered again.
  const handed = useRef<ReadonlyMap<string, RunFlowNode>>(new Map());
  const flowNodes = useMemo<RunFlowNode[]>(() => {
    const drawn = toFlowNodes(folded.nodes, layout, direction);
    const all = folded.segments.length + groups.length === 0 ? drawn : [...drawn, ...toSegmentNodes(folded.segments, layout, direction), ...toGroupNodes(groups, layout, direction)];
    return keepUnchanged<RunFlowNode>(all, handed.current, (before, after) => shownThing(before) === shownThing(after));
  }, [folded, groups, layout, direction]);
  // Read before the effect below records this draw: a chain opening 100 nodes draws the first few in the click's own frame, the rest in the next.
  const later = useMemo(() => laterCards(flowNodes, handed.current), [flowNodes]);
  useEffect(() => {
    handed.current = new Map(flowNodes.map((n) => [n.id, n]));
  }, [flowNodes]);
  const baseEdges = useMemo(() => toFlowEdges(folded.edges, layout), [folded.edges, layout]);
  const edgeKeys = replay ? null : lifted?.edgeKeys;
  const flowEdges = useMemo(() => applyEdgeHighlight(baseEdges, edgeKeys), [baseEdges, edgeKeys]);
  const staged = useStaged(flowNodes, flowEdges, later);

  // Node selection and highlight live in a small store, so a click re-renders two nodes, not all of them.
  const [store] = useState(() => new DagViewStore(selectedNodeId, lifted?.nodeIds ?? null, onSelectNode));
  const highlightIds = lifted?.nodeIds;
  const { jump, focus } = useJump(layout, hidden, unfold, onSelectNode, selectedNodeId);
  // Opening a segment or group keeps the reader's place: the view moves to its first node, now drawn
  // (a group's first member is kept out of any chain its opening folds, so it is drawn for sure).
  const open = useCallback(
    (id: string) => {
      const group = groupsById.get(id);
      if (group) {
        unfold(group.nodeIds[0]!);
        focus(group.nodeIds[0]!);
        return;
      }
      const segment = segmentsById.get(id);
      expand(id);
      if (segment) focus(segment.first);
    },
    [segmentsById, groupsById, expand, unfold, focus],
  );
  useLayoutEffect(() => {
    store.onSelect = onSelectNode;
    store.onExpand = open;
  }, [store, onSelectNode, open]);
  useLayoutEffect(() => store.setSelected(selectedNodeId), [store, selectedNodeId]);
  // A node selected from elsewhere (timeline, URL) inside a folded group or chain is drawn: O(1) unless it is hidden.
  useEffect(() => {
    if (selectedNodeId !== null && hidden(selectedNodeId)) unfold(selectedNodeId);
  }, [selectedNodeId, hidden, unfold]);
  const reveal = useReveal(layout);
  useLayoutEffect(() => {
    if (!replay) {
      store.setActive(null);
      store.setHighlighted(highlightIds);
      return;
    }
    const sync = () => {
      const focus = replay.focus();
      store.setHighlighted(focus?.nodes);
      store.setActive(focus?.node ?? null);
      if (focus?.node) reveal(focus.node);
    };
    sync();
    return replay.subscribe(sync);
  }, [store, highlightIds, replay, reveal]);
  useRevealSelected(selectedNodeId, reveal);
  useRefitOnResize(replay !== null);

  // Through the store: its onSelect follows the latest prop. A click on a folded chain or group opens it.
  const onSelect = useCallback(
    (id: string | null) => (id !== null && (segmentsById.has(id) || groupsById.has(id)) ? store.onExpand(id) : store.onSelect(id)),
    [store, segmentsById, groupsById],
  );
  const lowDetail = useStore((s) => s.transform[2] < DETAIL_ZOOM);
  const highlightActive = !!replay || (!!highlight && highlight.nodeIds.size + highlight.edgeKeys.size > 0);
  // Let the reader zoom out far enough that even a 2,000-node run fits.
  const fitZoom = Math.min(height / Math.max(layout.height, 1), 1000 / Math.max(layout.width, 1));
  const minZoom = Math.max(0.005, Math.min(0.05, fitZoom * 0.9));
  const fitViewOptions = useFirstView(flowNodes, layout, height);

  return (
    <section aria-label="Run graph" data-testid="run-dag" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div
        className="group/dag relative"
        data-highlight-active={highlightActive ? "true" : "false"}
        data-detail={lowDetail ? "low" : "full"}
        data-folded={folded.segments.length}
        data-groups={groups.length}
        style={{ height }}
      >
        <DagViewStoreContext.Provider value={store}>
          <ReadOnlyFlow<RunFlowNode, DagFlowEdge>
            nodes={staged.nodes}
            edges={staged.edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onSelect={onSelect}
            fitViewOptions={fitViewOptions}
            minZoom={minZoom}
            onlyRenderVisibleElements={flowNodes.length > VISIBLE_ONLY_ABOVE}
          >
            <Panel position="top-left">
              <DagSearch nodes={nodes} onJump={jump} onRefold={unfolded ? refold : null} refoldLabel={groupBy && replay === null ? "Fold all" : "Fold chains"} />
            </Panel>
            <FlowOverview<RunFlowNode> nodeColor={miniMapColor} ariaLabel="Run graph overview" />
            {replay ? (
              <ViewportPortal>
                <ReplayOverlay source={replay} layout={layout} direction={direction} />
              </ViewportPortal>
            ) : null}
          </ReadOnlyFlow>
        </DagViewStoreContext.Provider>
      </div>
      <DagLegend className="border-t border-slate-200 px-4 py-2" />
    </section>
  );
}

