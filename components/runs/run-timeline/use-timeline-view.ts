import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { MIN_WINDOW_NS, clampView, panView, sameView, selectView, zoomView, type TimelineWindow } from "@/lib/runs/timeline/zoom";

/** One click of "Zoom in" halves the window. */
export const ZOOM_STEP = 2;

export interface TimelineViewState {
  view: TimelineWindow;
  isZoomed: boolean;
  canZoomIn: boolean;
  zoomBy: (factor: number, anchorFraction?: number) => void;
  pan: (deltaFraction: number) => void;
  selectWindow: (fromFraction: number, toFraction: number) => void;
  reset: () => void;
}

/** The visible time window. Unzoomed it follows the bounds, so a live run keeps showing everything. */
export function useTimelineView(bounds: TimelineWindow): TimelineViewState {
  const [zoomed, setZoomed] = useState<TimelineWindow | null>(null);
  const view = useMemo(() => (zoomed ? clampView(zoomed, bounds) : bounds), [zoomed, bounds]);

  const update = useCallback(
    (change: (current: TimelineWindow) => TimelineWindow) =>
      setZoomed((prev) => {
        const next = change(prev ? clampView(prev, bounds) : bounds);
        return sameView(next, bounds) ? null : next;
      }),
    [bounds],
  );

  const zoomBy = useCallback(
    (factor: number, anchorFraction = 0.5) => update((v) => zoomView(v, bounds, factor, anchorFraction)),
    [update, bounds],
  );
  const pan = useCallback((delta: number) => update((v) => panView(v, bounds, delta)), [update, bounds]);
  const selectWindow = useCallback(
    (from: number, to: number) => update((v) => selectView(v, bounds, from, to)),
    [update, bounds],
  );
  const reset = useCallback(() => setZoomed(null), []);

  return {
    view,
    isZoomed: !sameView(view, bounds),
    canZoomIn: view.endNs - view.startNs > MIN_WINDOW_NS,
    zoomBy,
    pan,
    selectWindow,
    reset,
  };
}

function wheelPixels(delta: number, mode: number, page: number): number {
  return mode === 1 ? delta * 16 : mode === 2 ? delta * page : delta;
}

/**
 * Ctrl/⌘ + wheel (and trackpad pinch, which arrives as ctrl + wheel) over the bars zooms around the
 * pointer; a horizontal swipe pans while zoomed. Native listener: React's wheel handler is passive.
 */
export function useWheelZoom(
  scrollRef: RefObject<HTMLElement | null>,
  barsRef: RefObject<HTMLElement | null>,
  state: Pick<TimelineViewState, "zoomBy" | "pan" | "isZoomed">,
): void {
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  });

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const onWheel = (event: WheelEvent) => {
      const rect = barsRef.current?.getBoundingClientRect();
      if (!rect || rect.width <= 0 || event.clientX < rect.left || event.clientX > rect.right) return;
      const { zoomBy, pan, isZoomed } = latest.current;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const dy = wheelPixels(event.deltaY, event.deltaMode, scroller.clientHeight);
        const factor = Math.min(2, Math.max(0.5, Math.exp(-dy * 0.002)));
        zoomBy(factor, (event.clientX - rect.left) / rect.width);
      } else if (isZoomed && Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        pan(wheelPixels(event.deltaX, event.deltaMode, rect.width) / rect.width);
      }
    };
    scroller.addEventListener("wheel", onWheel, { passive: false });
    return () => scroller.removeEventListener("wheel", onWheel);
  }, [scrollRef, barsRef]);
}
