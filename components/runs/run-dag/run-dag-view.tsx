"use client";
import { MiniMap, ReactFlowProvider, useReactFlow, useStore, ViewportPortal, type EdgeTypes, type NodeTypes } from "@xyflow/react";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { layoutDag, NODE_HEIGHT, NODE_WIDTH, type DagDirection, type DagLayout } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode } from "@/lib/runs/types";
import { DagEdgeView } from "@/components/runs/run-dag/dag-edge";
import { DagLegend } from "@/components/runs/run-dag/dag-legend";
import { DagNodeView } from "@/components/runs/run-dag/dag-node";
import { DagViewStore, DagViewStoreContext } from "@/components/runs/run-dag/dag-store";
import { ReplayOverlay, type ReplaySource } from "@/components/runs/run-dag/replay-overlay";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { applyEdgeHighlight, toFlowEdges, toFlowNodes, type DagFlowEdge, type DagFlowNode } from "@/components/runs/run-dag/to-flow";
import { ReadOnlyFlow } from "@/components/ui/read-only-flow";

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
}

const nodeTypes: NodeTypes = { dag: DagNodeView };
const edgeTypes: EdgeTypes = { dag: DagEdgeView };
/** Above this many nodes React Flow mounts only what is on screen. */
const VISIBLE_ONLY_ABOVE = 150;
/** Below this zoom node text is unreadable, so nodes draw as plain status-coloured cards. */
const DETAIL_ZOOM = 0.35;
const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1 };
const miniMapColor = (n: DagFlowNode) => STATUS_LOOK[n.data.node.status].minimap;

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
      <RunDagCanvas {...props} />
    </ReactFlowProvider>
  );
});

function RunDagCanvas({ nodes, edges, selectedNodeId, onSelectNode, highlight, height = 560, direction = "LR", replay = null }: RunDagViewProps) {
  // Only graph data feeds the layout: selecting or highlighting never re-runs dagre.
  const layout = useMemo(() => layoutDag(nodes, edges, { direction }), [nodes, edges, direction]);
  const flowNodes = useMemo(() => toFlowNodes(nodes, layout, direction), [nodes, layout, direction]);
  const baseEdges = useMemo(() => toFlowEdges(edges, layout), [edges, layout]);
  const edgeKeys = replay ? null : highlight?.edgeKeys;
  const flowEdges = useMemo(() => applyEdgeHighlight(baseEdges, edgeKeys), [baseEdges, edgeKeys]);

  // Node selection and highlight live in a small store, so a click re-renders two nodes, not all of them.
  const [store] = useState(() => new DagViewStore(selectedNodeId, highlight?.nodeIds ?? null, onSelectNode));
  const highlightIds = highlight?.nodeIds;
  useLayoutEffect(() => {
    store.onSelect = onSelectNode;
  }, [store, onSelectNode]);
  useLayoutEffect(() => store.setSelected(selectedNodeId), [store, selectedNodeId]);
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

  // Through the store: its onSelect follows the latest prop.
  const onSelect = useCallback((id: string | null) => store.onSelect(id), [store]);
  const lowDetail = useStore((s) => s.transform[2] < DETAIL_ZOOM);
  const highlightActive = !!replay || (!!highlight && highlight.nodeIds.size + highlight.edgeKeys.size > 0);
  // Let fitView zoom out far enough that even a 2,000-node run fits.
  const fitZoom = Math.min(height / Math.max(layout.height, 1), 1000 / Math.max(layout.width, 1));
  const minZoom = Math.max(0.005, Math.min(0.05, fitZoom * 0.9));

  return (
    <section aria-label="Run graph" data-testid="run-dag" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div
        className="group/dag relative"
        data-highlight-active={highlightActive ? "true" : "false"}
        data-detail={lowDetail ? "low" : "full"}
        style={{ height }}
      >
        <DagViewStoreContext.Provider value={store}>
          <ReadOnlyFlow<DagFlowNode, DagFlowEdge>
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onSelect={onSelect}
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={minZoom}
            onlyRenderVisibleElements={flowNodes.length > VISIBLE_ONLY_ABOVE}
          >
            <MiniMap<DagFlowNode> pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={0} ariaLabel="Run graph overview" />
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

/** Pans to a node when it is off screen (a selection from the timeline or the URL, a replay step). */
function useReveal(layout: DagLayout): (id: string) => void {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  return useCallback(
    (id: string) => {
      const p = layout.positions.get(id);
      if (!p || !width || !height) return;
      const { x, y, zoom } = flow.getViewport();
      const left = p.x * zoom + x;
      const top = p.y * zoom + y;
      const visible = left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height;
      if (!visible) void flow.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: Math.max(zoom, 0.6), duration: 300 });
    },
    [layout, flow, width, height],
  );
}

/** Entering or leaving Replay narrows or widens the canvas (the side panel comes and goes): fit the graph again once it has. */
function useRefitOnResize(mode: boolean) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const pending = useRef(false);
  const previous = useRef(mode);
  useEffect(() => {
    if (previous.current === mode) return;
    previous.current = mode;
    pending.current = true;
  }, [mode]);
  useEffect(() => {
    if (!pending.current || !width) return;
    pending.current = false;
    void flow.fitView(FIT_VIEW_OPTIONS);
  }, [width, flow]);
}

/** When the selection changes from outside (timeline, URL) to a node off screen, pan to it. */
function useRevealSelected(selectedNodeId: string | null, reveal: (id: string) => void) {
  const previous = useRef(selectedNodeId);
  useEffect(() => {
    if (previous.current === selectedNodeId) return;
    previous.current = selectedNodeId;
    if (selectedNodeId !== null) reveal(selectedNodeId);
  }, [selectedNodeId, reveal]);
}
