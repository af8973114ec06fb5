"use client";
// The replay's moving token: drawn over the graph in flow coordinates, re-rendered once per step.
import { memo, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { DagDirection, DagLayout, Point } from "@/lib/runs/dag-layout";
import type { ReplayFocus } from "@/lib/runs/replay/focus";
import { replayEdgeGeometry } from "@/components/runs/run-dag/replay-geometry";

/** What the graph needs of a replay session (components/replay/replay-store.ts). */
export interface ReplaySource {
  subscribe(listener: () => void): () => void;
  /** The current step's focus; the same object until the step changes. */
  focus(): ReplayFocus | null;
  /** How long a token takes along its edge at the current speed. */
  travelMs(): number;
}

const TOKEN = "#7c3aed"; // violet-600, the replay's colour (the active node's ring is violet too)

/** Shorter trips (50×) would not be seen: the token is drawn where it lands. */
const MIN_VISIBLE_TRIP_MS = 40;

let reduced: MediaQueryList | null = null;
const reducedMotion = () => {
  if (typeof window === "undefined" || !window.matchMedia) return false;
  reduced ??= window.matchMedia("(prefers-reduced-motion: reduce)");
  return reduced.matches;
};

export const ReplayOverlay = memo(function ReplayOverlay({ source, layout, direction }: { source: ReplaySource; layout: DagLayout; direction: DagDirection }) {
  const focus = useSyncExternalStore(source.subscribe, source.focus, source.focus);
  const edge = focus?.edge ?? null;
  const geometry = useMemo(() => (edge ? replayEdgeGeometry(layout, edge.source, edge.target, direction) : null), [layout, edge, direction]);
  return (
    <svg
      aria-hidden
      data-testid="replay-overlay"
      data-step={focus ? focus.index + 1 : undefined}
      data-phase={focus?.phase}
      data-node={focus?.node ?? undefined}
      data-edge={geometry ? edge!.key : undefined}
      className="pointer-events-none absolute top-0 left-0 overflow-visible"
      width={1}
      height={1}
    >
      {focus && geometry ? (
        <g data-testid="replay-edge" data-edge={edge!.key}>
          <path d={geometry.path} fill="none" stroke={TOKEN} strokeWidth={4} strokeOpacity={0.85} strokeLinecap="round" />
          {/* Keyed by step: each step's token starts its trip afresh. */}
          <Token key={focus.index} path={geometry.path} end={geometry.end} travelling={focus.phase === "enqueue"} durationMs={source.travelMs()} />
        </g>
      ) : null}
    </svg>
  );
});

/** Travels the edge on an enqueue; on a dequeue it sits at the target's door, haloed (no endless animation: it would repaint the canvas every frame). */
function Token({ path, end, travelling, durationMs }: { path: string; end: Point; travelling: boolean; durationMs: number }) {
  const motion = useRef<SVGAnimateMotionElement>(null);
  const animate = travelling && durationMs >= MIN_VISIBLE_TRIP_MS && !reducedMotion();
  // SMIL times count from the document's start: begin by hand, before the first paint.
  useLayoutEffect(() => {
    if (animate) motion.current?.beginElement();
  }, [animate]);
  if (!animate) {
    return (
      <g data-testid="replay-token" data-travelling="false">
        {travelling ? null : <circle cx={end.x} cy={end.y} r={11} fill={TOKEN} fillOpacity={0.25} />}
        <circle cx={end.x} cy={end.y} r={6} fill={TOKEN} stroke="#ffffff" strokeWidth={2} />
      </g>
    );
  }
  return (
    <g data-testid="replay-token" data-travelling="true">
      <circle r={6} fill={TOKEN} stroke="#ffffff" strokeWidth={2}>
        <animateMotion ref={motion} begin="indefinite" dur={`${durationMs}ms`} fill="freeze" path={path} calcMode="spline" keyPoints="0;1" keyTimes="0;1" keySplines="0.4 0 0.2 1" />
      </circle>
    </g>
  );
}
