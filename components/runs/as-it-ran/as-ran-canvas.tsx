"use client";
import { ReactFlowProvider, useReactFlow, useStore, type EdgeTypes, type NodeTypes } from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { AS_RAN_NODE_HEIGHT, AS_RAN_NODE_WIDTH, changedChainSteps, keepInPlace, layoutAsRan, type AsRanLayout } from "@/lib/runs/as-it-ran/layout";
import type { AsRanVisible } from "@/lib/runs/as-it-ran/visible";
import { DagViewStore, DagViewStoreContext } from "@/components/runs/run-dag/dag-store";
import { STATUS_LOOK } from "@/components/runs/run-dag/looks";
import { ReadOnlyFlow } from "@/components/ui/read-only-flow";
import { FlowOverview } from "@/components/ui/flow-overview";
import { timed } from "@/components/runs/as-it-ran/timed";
import { ActivationNodeView, SegmentNodeView } from "@/components/runs/as-it-ran/activation-node";
import { toAsRanFlowEdges, toAsRanFlowNodes, type AsRanFlowEdge, type AsRanFlowNode } from "@/components/runs/as-it-ran/to-flow";
import { laterCards, useStaged } from "@/components/ui/staged-draw";

const nodeTypes: NodeTypes = { activation: ActivationNodeView, segment: SegmentNodeView };
const edgeTypes: EdgeTypes = {};
const VISIBLE_ONLY_ABOVE = 150;
const DETAIL_ZOOM = 0.35;
const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1 };
const miniMapColor = (n: AsRanFlowNode) => (n.type === "activation" ? STATUS_LOOK[n.data.item.activation.status].minimap : "#94a3b8");

interface Props {
  visible: AsRanVisible;
  selectedId: string | null;
  /** An activation's or a segment's id; null for the empty canvas. */
  onSelect: (id: string | null) => void;
  height: number;
}

export function AsRanCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ visible, selectedId, onSelect, height }: Props) {
  // The last nodes and edges handed to React Flow, by id: what has not changed is handed again as is.
  const drawn = useRef<{ nodes: ReadonlyMap<string, AsRanFlowNode>; edges: ReadonlyMap<string, AsRanFlowEdge> }>({ nodes: new Map(), edges: new Map() });
  // Only the graph feeds the layout: selecting never re-lays it out. The steps a chain's changed
  // window still shows stay put (a window sliding), so a click re-renders the few cards around them.
  const layout = useMemo(
    () => timed("as-ran:layout", () => keepInPlace(layoutAsRan(visible.items, visible.edges), changedChainSteps(chainPlaces(drawn.current.nodes), visible.items))),
    [visible],
  );
  const flowNodes = useMemo(() => toAsRanFlowNodes(visible.items, layout, drawn.current.nodes), [visible, layout]);
  const flowEdges = useMemo(() => toAsRanFlowEdges(visible.edges, drawn.current.edges), [visible]);
  // Read before the effect below records this draw: the cards React Flow has now.
  const later = useMemo(() => laterCards(flowNodes, drawn.current.nodes), [flowNodes]);
  useEffect(() => {
    drawn.current = { nodes: new Map(flowNodes.map((n) => [n.id, n])), edges: new Map(flowEdges.map((e) => [e.id, e])) };
  }, [flowNodes, flowEdges]);
  const { nodes: shownNodes, edges: shownEdges, complete } = useStaged(flowNodes, flowEdges, later);
  // Selection through the store the aggregated view uses: a click re-renders two nodes, not all.
  const [store] = useState(() => new DagViewStore(selectedId, null, onSelect));
  useLayoutEffect(() => {
    store.onSelect = onSelect;
  }, [store, onSelect]);
  useLayoutEffect(() => store.setSelected(selectedId), [store, selectedId]);
  const select = useCallback((id: string | null) => store.onSelect(id), [store]);
  useRevealSelected(selectedId, layout);
  useFitRevealed(flowNodes, complete);
  const container = useRef<HTMLDivElement>(null);
  useFocusAfterOpen(container, flowNodes, complete);
  const lowDetail = useStore((s) => s.transform[2] < DETAIL_ZOOM);
  const fitZoom = Math.min(height / Math.max(layout.height, 1), 1000 / Math.max(layout.width, 1));
  const minZoom = Math.max(0.005, Math.min(0.05, fitZoom * 0.9));
  return (
    <div ref={container} className="group/dag relative" data-testid="as-ran-canvas" data-detail={lowDetail ? "low" : "full"} style={{ height }}>
      <DagViewStoreContext.Provider value={store}>
        <ReadOnlyFlow<AsRanFlowNode, AsRanFlowEdge>
          nodes={shownNodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onSelect={select}
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={minZoom}
          onlyRenderVisibleElements={flowNodes.length > VISIBLE_ONLY_ABOVE}
        >
          <FlowOverview<AsRanFlowNode> nodeColor={miniMapColor} ariaLabel="As-it-ran graph overview" />
        </ReadOnlyFlow>
      </DagViewStoreContext.Provider>
    </div>
  );
}

/** Each card drawn last: the chain it is a step of (activations only) and its place. */
function chainPlaces(nodes: ReadonlyMap<string, AsRanFlowNode>) {
  const places = new Map<string, { chain: string | null; place: { x: number; y: number } }>();
  for (const [id, n] of nodes) places.set(id, { chain: n.type === "activation" ? n.data.item.activation.segmentId : null, place: n.position });
  return places;
}

/** A selection made elsewhere (timeline, URL) that is off screen: pan to it once it is laid out. */
function useRevealSelected(selectedId: string | null, layout: AsRanLayout) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const shown = useRef<string | null>(selectedId);
  useEffect(() => {
    if (selectedId === null || shown.current === selectedId || !width || !height) return;
    const p = layout.positions.get(selectedId);
    if (!p) return;
    shown.current = selectedId;
    const { x, y, zoom } = flow.getViewport();
    const left = p.x * zoom + x;
    const top = p.y * zoom + y;
    if (left >= 0 && top >= 0 && left + AS_RAN_NODE_WIDTH * zoom <= width && top + AS_RAN_NODE_HEIGHT * zoom <= height) return;
    void flow.setCenter(p.x + AS_RAN_NODE_WIDTH / 2, p.y + AS_RAN_NODE_HEIGHT / 2, { zoom: Math.max(zoom, 0.6), duration: 300 });
  }, [selectedId, layout, flow, width, height]);
}

/** A fold opened (or closed): fit the view to what appeared, so the new steps are in sight; a staged draw once all of it is in. */
function useFitRevealed(nodes: readonly AsRanFlowNode[], complete: boolean) {
  const flow = useReactFlow();
  const previous = useRef<ReadonlySet<string> | null>(null);
  useEffect(() => {
    if (!complete) return;
    const before = previous.current;
    previous.current = new Set(nodes.map((n) => n.id));
    // The first draw is fitted by ReadOnlyFlow itself.
    if (before === null) return;
    const appeared = nodes.filter((n) => !before.has(n.id));
    // The steps that appeared, not a folded part that came with them: a chain's start folding
    // again as its end opens sits far from the new steps, and would zoom the view out to both.
    const steps = appeared.filter((n) => n.type === "activation");
    const added = steps.length > 0 ? steps : appeared;
    if (added.length === 0) return;
    const frame = requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW_OPTIONS, nodes: added.map((n) => ({ id: n.id })), duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [nodes, flow, complete]);
}

/** Waits for the fit's 200 ms animation before a second look: cards off screen are not rendered until then. */
const FOCUS_RETRY_MS = 250;

/**
 * A folded chain opened from its card removes the card, and the focus with it (to the page's
 * body): hand the focus to the first step that appeared, so the keyboard goes on from there.
 */
function useFocusAfterOpen(container: RefObject<HTMLDivElement | null>, nodes: readonly AsRanFlowNode[], complete: boolean) {
  const focusedId = useRef<string | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onFocusIn = (event: FocusEvent) => {
      const node = event.target instanceof Element ? event.target.closest(".react-flow__node") : null;
      focusedId.current = node instanceof HTMLElement ? (node.dataset.id ?? null) : null;
    };
    element.addEventListener("focusin", onFocusIn);
    return () => element.removeEventListener("focusin", onFocusIn);
  }, [container]);
  const previous = useRef<ReadonlySet<string> | null>(null);
  useEffect(() => {
    if (!complete) return;
    const before = previous.current;
    const now = new Set(nodes.map((n) => n.id));
    previous.current = now;
    const lost = focusedId.current;
    if (before === null || lost === null || now.has(lost)) return;
    focusedId.current = null;
    // The first step in reading order: chains are laid out left to right, an opened one in rows.
    const first = nodes
      .filter((n) => n.type === "activation" && !before.has(n.id))
      .reduce<AsRanFlowNode | null>((best, n) => (best === null || n.position.x < best.position.x || (n.position.x === best.position.x && n.position.y < best.position.y) ? n : best), null);
    if (first === null) return;
    const focus = (): boolean => {
      const active = document.activeElement;
      // Only focus that was lost: a reader who moved on elsewhere keeps their place.
      if (active !== null && active !== document.body) return true;
      const card = container.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(first.id)}"] [role="button"]`);
      card?.focus({ preventScroll: true });
      return card != null;
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      if (!focus()) retry = setTimeout(focus, FOCUS_RETRY_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(retry);
    };
  }, [nodes, complete, container]);
}
