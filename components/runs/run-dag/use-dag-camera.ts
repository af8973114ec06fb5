"use client";
// Where the run graph's camera goes: the first view, jumps to a node, panning to a selection, refits.
import { useReactFlow, useStore } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { NODE_HEIGHT, NODE_WIDTH, type DagLayout } from "@/lib/runs/dag-layout";
import type { RunFlowNode } from "@/components/runs/run-dag/to-flow";

export const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1 };
/** The first view never zooms out past this: a bigger graph opens on its start, the minimap shows the rest. */
const READABLE_ZOOM = 0.5;
/** The canvas width the first view assumes before React Flow has measured it. */
const ASSUMED_WIDTH = 1100;
/** Zoom a search hit is shown at, at least. */
const JUMP_ZOOM = 0.8;

/**
 * What the first view fits: the whole graph when it reads at READABLE_ZOOM or closer, else only the
 * nodes of its first screenful from the top left (a wrapped graph reads from there), so the first view
 * is legible rather than a fit of thousands of nodes. Computed once per layout, from positions alone.
 */
export function useFirstView(flowNodes: RunFlowNode[], layout: DagLayout, height: number) {
  return useMemo(() => {
    const reachX = ASSUMED_WIDTH / READABLE_ZOOM;
    const reachY = height / READABLE_ZOOM;
    if (layout.width <= reachX && layout.height <= reachY) return FIT_VIEW_OPTIONS;
    const first = flowNodes.filter((n) => n.position.x + NODE_WIDTH <= reachX && n.position.y + NODE_HEIGHT <= reachY).map((n) => ({ id: n.id }));
    return first.length > 0 ? { ...FIT_VIEW_OPTIONS, nodes: first } : FIT_VIEW_OPTIONS;
  }, [flowNodes, layout, height]);
}

/**
 * "Jump to" (`jump`): draws the node if a folded group or chain hides it, selects it, and centers it once the
 * layout has it, and again when selecting it resized the canvas (the inspector opens beside it).
 * `focus` only centers a node at the current zoom, once the layout has it.
 */
export function useJump(layout: DagLayout, hidden: (id: string) => boolean, unfold: (id: string) => void, select: (id: string) => void, selectedNodeId: string | null) {
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
      if (hidden(id)) unfold(id);
      select(id);
      jumped.current = id;
      // A fresh object: jumping twice to one node centers it twice.
      setPending({ id, closer: true });
    },
    [hidden, unfold, select],
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
export function useReveal(layout: DagLayout): (id: string) => void {
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
export function useRefitOnResize(mode: boolean) {
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
export function useRevealSelected(selectedNodeId: string | null, reveal: (id: string) => void) {
  const previous = useRef(selectedNodeId);
  useEffect(() => {
    if (previous.current === selectedNodeId) return;
    previous.current = selectedNodeId;
    if (selectedNodeId !== null) reveal(selectedNodeId);
  }, [selectedNodeId, reveal]);
}
