"use client";
import { MiniMap, Panel, ReactFlowProvider, useReactFlow, useStore, ViewportPortal, type EdgeTypes, type NodeTypes } from "@xyflow/react";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { NODE_HEIGHT, NODE_WIDTH, type DagDirection, type DagLayout } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode } from "@/lib/runs/types";
import { DagEdgeView } from "@/components/runs/run-dag/dag-edge";
import { DagLegend } from "@/components/runs/run-dag/dag-legend";
import { DagNodeView } from "@/components/runs/run-dag/dag-node";
import { DagSearch } from "@/components/runs/run-dag/dag-search";
import { DagSegmentView } from "@/components/runs/run-dag/dag-segment";
import { useFoldedDag } from "@/components/runs/run-dag/use-folded-dag";
import { DagViewStore, DagViewStoreContext } from "@/components/runs/run-dag/dag-store";
import { ReplayOverlay, type ReplaySource } from "@/components/runs/run-dag/replay-overlay";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { applyEdgeHighlight, toFlowEdges, toFlowNodes, toSegmentNodes, type DagFlowEdge, type RunFlowNode } from "@/components/runs/run-dag/to-flow";
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

const nodeTypes: NodeTypes = { dag: DagNodeView, segment: DagSegmentView };
const edgeTypes: EdgeTypes = { dag: DagEdgeView };
/** Above this many nodes React Flow mounts only what is on screen. */
const VISIBLE_ONLY_ABOVE = 150;
/** Below this zoom node text is unreadable, so nodes draw as plain status-coloured cards. */
const DETAIL_ZOOM = 0.35;
const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1 };
/** The first view never zooms out past this: a bigger graph opens on its start, the minimap shows the rest. */
const READABLE_ZOOM = 0.5;
/** The canvas width the first view assumes before React Flow has measured it. */
const ASSUMED_WIDTH = 1100;
/** Zoom a search hit is shown at, at least. */
const JUMP_ZOOM = 0.8;
const miniMapColor = (n: RunFlowNode) => STATUS_LOOK[n.type === "segment" ? n.data.segment.status : n.data.node.status].minimap;

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
 * before the scripts load. The placeholder keeps the page from jumping.
 */
function ClientOnly({ height, children }: { height: number; children: ReactNode }) {
  const client = useSyncExternalStore(noSubscribe, () => true, () => false);
  if (client) return children;
  return (
    <section aria-label="Run graph" aria-busy="true" data-testid="run-dag-pending" className="rounded-lg border border-slate-200 bg-white">
      <div style={{ height }} className="flex items-center justify-center text-sm text-slate-500">
        Drawing the graph…
      </div>
    </section>
  );
}

function RunDagCanvas({ nodes, edges, selectedNodeId, onSelectNode, highlight, height = 560, direction = "LR", replay = null }: RunDagViewProps) {
  // Only graph data (and opening a folded chain) feeds the layout: selecting or highlighting never re-runs it.
  // Replay walks node by node, so it draws every node.
  const { folded, layout, segmentsById, expand, reveal: unfold, refold, unfolded } = useFoldedDag(nodes, edges, direction, replay === null);
  const flowNodes = useMemo<RunFlowNode[]>(() => {
    const drawn = toFlowNodes(folded.nodes, layout, direction);
    return folded.segments.length === 0 ? drawn : [...drawn, ...toSegmentNodes(folded.segments, layout, direction)];
  }, [folded, layout, direction]);
  const baseEdges = useMemo(() => toFlowEdges(folded.edges, layout), [folded.edges, layout]);
  const edgeKeys = replay ? null : highlight?.edgeKeys;
  const flowEdges = useMemo(() => applyEdgeHighlight(baseEdges, edgeKeys), [baseEdges, edgeKeys]);

  // Node selection and highlight live in a small store, so a click re-renders two nodes, not all of them.
  const [store] = useState(() => new DagViewStore(selectedNodeId, highlight?.nodeIds ?? null, onSelectNode));
  const highlightIds = highlight?.nodeIds;
  const { jump, focus } = useJump(layout, folded.hiddenIn, unfold, onSelectNode, selectedNodeId);
  // Opening a segment keeps the reader's place: the view moves to its first node, now drawn.
  const open = useCallback(
    (id: string) => {
      const segment = segmentsById.get(id);
      expand(id);
      if (segment) focus(segment.first);
    },
    [segmentsById, expand, focus],
  );
  useLayoutEffect(() => {
    store.onSelect = onSelectNode;
    store.onExpand = open;
  }, [store, onSelectNode, open]);
  useLayoutEffect(() => store.setSelected(selectedNodeId), [store, selectedNodeId]);
  // A node selected from elsewhere (timeline, URL) inside a folded chain is drawn: O(1) unless it is hidden.
  useEffect(() => {
    if (selectedNodeId !== null && folded.hiddenIn.has(selectedNodeId)) unfold(selectedNodeId);
  }, [selectedNodeId, folded.hiddenIn, unfold]);
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

  // Through the store: its onSelect follows the latest prop. A click on a folded chain opens it.
  const onSelect = useCallback(
    (id: string | null) => (id !== null && segmentsById.has(id) ? store.onExpand(id) : store.onSelect(id)),
    [store, segmentsById],
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
        style={{ height }}
      >
        <DagViewStoreContext.Provider value={store}>
          <ReadOnlyFlow<RunFlowNode, DagFlowEdge>
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onSelect={onSelect}
            fitViewOptions={fitViewOptions}
            minZoom={minZoom}
            onlyRenderVisibleElements={flowNodes.length > VISIBLE_ONLY_ABOVE}
          >
            <Panel position="top-left">
              <DagSearch nodes={nodes} onJump={jump} onRefold={unfolded ? refold : null} />
            </Panel>
            <MiniMap<RunFlowNode> pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={0} ariaLabel="Run graph overview" />
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

/**
 * What the first view fits: the whole graph when it reads at READABLE_ZOOM or closer, else only the
 * nodes of its first screenful from the top left (a wrapped graph reads from there), so the first view
 * is legible rather than a fit of thousands of nodes. Computed once per layout, from positions alone.
 */
function useFirstView(flowNodes: RunFlowNode[], layout: DagLayout, height: number) {
  return useMemo(() => {
    const reachX = ASSUMED_WIDTH / READABLE_ZOOM;
    const reachY = height / READABLE_ZOOM;
    if (layout.width <= reachX && layout.height <= reachY) return FIT_VIEW_OPTIONS;
    const first = flowNodes.filter((n) => n.position.x + NODE_WIDTH <= reachX && n.position.y + NODE_HEIGHT <= reachY).map((n) => ({ id: n.id }));
    return first.length > 0 ? { ...FIT_VIEW_OPTIONS, nodes: first } : FIT_VIEW_OPTIONS;
  }, [flowNodes, layout, height]);
}

/**
 * "Jump to" (`jump`): draws the node if a folded chain hides it, selects it, and centers it once the
 * layout has it, and again when selecting it resized the canvas (the inspector opens beside it).
 * `focus` only centers a node at the current zoom, once the layout has it.
 */
function useJump(layout: DagLayout, hiddenIn: Map<string, string>, unfold: (id: string) => void, select: (id: string) => void, selectedNodeId: string | null) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const [pending, setPending] = useState<{ id: string; closer: boolean } | null>(null);
  const jumped = useRef<string | null>(null);
  const center = useCallback(
    (id: string, closer: boolean) => {
      const p = layout.positions.get(id);
      if (!p) return false;
      const zoom = flow.getZoom();
      void flow.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: closer ? Math.max(zoom, JUMP_ZOOM) : zoom });
      return true;
    },
    [layout, flow],
  );
  useEffect(() => {
    if (!pending || !center(pending.id, pending.closer)) return;
    setPending(null);
    // An opened segment's card is gone: hand the keyboard focus to its first node once it is drawn.
    if (!pending.closer) focusCard(pending.id);
  }, [pending, center]);
  useEffect(() => {
    // Runs when the selection moves: away from the jumped-to node, stop following it.
    if (jumped.current !== selectedNodeId) jumped.current = null;
  }, [selectedNodeId]);
  useEffect(() => {
    if (jumped.current !== null && width) center(jumped.current, true);
    // Only a new canvas width re-centers; the layout changing under it does not.
  }, [width]);
  const jump = useCallback(
    (id: string) => {
      if (hiddenIn.has(id)) unfold(id);
      select(id);
      jumped.current = id;
      // A fresh object: jumping twice to one node centers it twice.
      setPending({ id, closer: true });
    },
    [hiddenIn, unfold, select],
  );
  const focus = useCallback((id: string) => setPending({ id, closer: false }), []);
  return { jump, focus };
}

/** Focuses a node's card within a few frames (React Flow mounts what comes into view a frame or two later). */
function focusCard(id: string, framesLeft = 5) {
  const card = document.querySelector<HTMLElement>(`[data-testid="dag-node"][data-node-id="${CSS.escape(id)}"]`);
  if (card) card.focus({ preventScroll: true });
  else if (framesLeft > 0) requestAnimationFrame(() => focusCard(id, framesLeft - 1));
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
