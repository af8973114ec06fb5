"use client";
import { Panel, useReactFlow, useStore, type Node, type ReactFlowState } from "@xyflow/react";
import { useEffect, useMemo, useRef, type PointerEvent } from "react";
import { boundsOf, centredOn, overviewScale, toBox, toFlow, visibleArea, type Rect } from "@/components/ui/flow-overview-geometry";

const BOX_WIDTH = 200;
const BOX_HEIGHT = 150;
const PADDING = 6;
const WHEEL_STEP = 1.2;
const DEFAULT_SIZE = { width: 180, height: 60 };

const selectNodes = (s: ReactFlowState) => s.nodes;
const selectTransform = (s: ReactFlowState) => s.transform;
const selectWidth = (s: ReactFlowState) => s.width;
const selectHeight = (s: ReactFlowState) => s.height;
const selectMinZoom = (s: ReactFlowState) => s.minZoom;
const selectMaxZoom = (s: ReactFlowState) => s.maxZoom;

interface Props<N extends Node> {
  nodeColor: (node: N) => string;
  ariaLabel: string;
}

/**
 * The whole graph in a small box, with the part on screen marked; pressing or dragging in it moves
 * the view there, the wheel zooms. Drawn on one canvas when the nodes change, so a view of 1,000
 * nodes costs one subscription, where React Flow's MiniMap keeps one per node and runs them all on
 * every pan frame and every change (measured: ~25% of a chain-opening click's CPU at 243 nodes).
 */
export function FlowOverview<N extends Node>({ nodeColor, ariaLabel }: Props<N>) {
  const nodes = useStore(selectNodes) as N[];
  const [tx, ty, zoom] = useStore(selectTransform);
  const width = useStore(selectWidth);
  const height = useStore(selectHeight);
  const minZoom = useStore(selectMinZoom);
  const maxZoom = useStore(selectMaxZoom);
  const flow = useReactFlow();
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);

  const rects = useMemo(() => nodes.filter((n) => !n.hidden).map((n) => ({ node: n, rect: rectOf(n) })), [nodes]);
  const graph = useMemo(() => boundsOf(rects.map((r) => r.rect)), [rects]);
  const scale = useMemo(() => (graph ? overviewScale(graph, BOX_WIDTH, BOX_HEIGHT, PADDING) : null), [graph]);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext("2d");
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = BOX_WIDTH * ratio;
    element.height = BOX_HEIGHT * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, BOX_WIDTH, BOX_HEIGHT);
    if (!scale) return;
    for (const { node, rect } of rects) {
      const r = toBox(rect, scale);
      context.fillStyle = nodeColor(node);
      // A node smaller than a pixel would vanish: keep it visible.
      context.fillRect(r.x, r.y, Math.max(r.width, 1), Math.max(r.height, 1));
    }
  }, [rects, scale, nodeColor]);

  // Read by the pointer and wheel handlers, which outlive a render.
  const latest = useRef({ scale, width, height, minZoom, maxZoom });
  useEffect(() => {
    latest.current = { scale, width, height, minZoom, maxZoom };
  }, [scale, width, height, minZoom, maxZoom]);

  // Not React's onWheel: that listener is passive, and the page would scroll under the box.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { width, height, minZoom, maxZoom } = latest.current;
      if (!width || !height) return;
      const view = flow.getViewport();
      const area = visibleArea(view, width, height);
      const next = Math.min(maxZoom, Math.max(minZoom, event.deltaY < 0 ? view.zoom * WHEEL_STEP : view.zoom / WHEEL_STEP));
      void flow.setViewport(centredOn({ x: area.x + area.width / 2, y: area.y + area.height / 2 }, next, width, height));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [flow]);

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const { scale, width, height } = latest.current;
    if (!scale || !width || !height) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    void flow.setViewport(centredOn(toFlow(event.clientX - bounds.left, event.clientY - bounds.top, scale), flow.getViewport().zoom, width, height));
  };

  const seen = scale && width && height ? toBox(visibleArea({ x: tx, y: ty, zoom }, width, height), scale) : null;
  return (
    <Panel position="bottom-right" className="!m-2.5">
      <div
        ref={box}
        data-testid="flow-overview"
        role="img"
        aria-label={ariaLabel}
        title="Press or drag to move the view; the wheel zooms"
        className="relative cursor-grab touch-none overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm select-none active:cursor-grabbing"
        style={{ width: BOX_WIDTH, height: BOX_HEIGHT }}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
        }}
      >
        <canvas ref={canvas} aria-hidden className="absolute inset-0" style={{ width: BOX_WIDTH, height: BOX_HEIGHT }} />
        {seen ? <ViewMark seen={seen} /> : null}
      </div>
    </Panel>
  );
}

/** Everything but the part on screen dimmed, and that part outlined. */
function ViewMark({ seen }: { seen: Rect }) {
  const outside = `M0,0h${BOX_WIDTH}v${BOX_HEIGHT}h${-BOX_WIDTH}z M${seen.x},${seen.y}h${seen.width}v${seen.height}h${-seen.width}z`;
  return (
    <svg aria-hidden data-testid="flow-overview-view" className="pointer-events-none absolute inset-0" width={BOX_WIDTH} height={BOX_HEIGHT}>
      <path d={outside} fillRule="evenodd" fill="rgb(241 245 249 / 0.65)" />
      <rect x={seen.x} y={seen.y} width={seen.width} height={seen.height} fill="none" stroke="#64748b" strokeWidth={1} />
    </svg>
  );
}

/** A node's rectangle in flow coordinates (our views give every node its size; nodes here have no parents). */
function rectOf(node: Node): Rect {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.width ?? node.measured?.width ?? DEFAULT_SIZE.width,
    height: node.height ?? node.measured?.height ?? DEFAULT_SIZE.height,
  };
}
