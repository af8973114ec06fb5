"use client";

import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { EmptyState } from "@/components/empty-state";
import { buildTimelineRows, timelineBounds, visibleRows } from "@/lib/runs/timeline/rows";
import { formatWindow, rulerTicks } from "@/lib/runs/timeline/ruler";
import type { SpanSummary } from "@/lib/runs/types";
import { NAME_COLUMN, OVERSCAN, ROW_HEIGHT, RULER_HEIGHT, TICK_COUNT } from "@/components/runs/run-timeline/layout";
import { keyAction } from "@/components/runs/run-timeline/timeline-keys";
import type { TimelineLogMark } from "@/components/runs/run-timeline/log-marks";
import { TimelineRowItem } from "@/components/runs/run-timeline/timeline-row";
import { TimelineRuler } from "@/components/runs/run-timeline/timeline-ruler";
import { TimelineToolbar } from "@/components/runs/run-timeline/timeline-toolbar";
import { useTimelineSelection } from "@/components/runs/run-timeline/use-timeline-selection";
import { ZOOM_STEP, useTimelineView, useWheelZoom } from "@/components/runs/run-timeline/use-timeline-view";

export interface RunTimelineProps {
  spans: SpanSummary[];
  /** `spanKey(span)` of the selected span; leave undefined to let the timeline track it itself. */
  selectedSpanKey?: string | null;
  onSelectSpan?: (span: SpanSummary) => void;
  /** Height of the scrolling area in pixels. */
  height?: number;
  /** Log lines by `spanKey` of the span they were logged in, oldest first: ticks on its bar. */
  logMarks?: ReadonlyMap<string, readonly TimelineLogMark[]>;
}


/** Waterfall of every span of a run: nested by parent, virtualized, zoomable. */
export function RunTimeline(props: RunTimelineProps) {
  if (props.spans.length === 0) {
    return <EmptyState title="No spans recorded for this run yet">Spans show up here as the collector receives them.</EmptyState>;
  }
  return <Timeline {...props} />;
}

function Timeline({ spans, selectedSpanKey, onSelectSpan, height = 480, logMarks }: RunTimelineProps) {
  const rows = useMemo(() => buildTimelineRows(spans), [spans]);
  const bounds = useMemo(() => timelineBounds(spans), [spans]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const shown = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const indexByKey = useMemo(() => new Map(shown.map((row, index) => [row.key, index])), [shown]);

  const viewState = useTimelineView(bounds);
  const { view, zoomBy, selectWindow, reset } = viewState;
  const ticks = useMemo(() => rulerTicks(view, TICK_COUNT, bounds.startNs), [view, bounds.startNs]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const barsRef = useRef<HTMLDivElement>(null);
  useWheelZoom(scrollRef, barsRef, viewState);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The sticky ruler sits above the rows inside the same scroller.
    scrollMargin: RULER_HEIGHT,
    scrollPaddingStart: RULER_HEIGHT,
  });
  const scrollToIndex = useCallback((index: number) => virtualizer.scrollToIndex(index), [virtualizer]);

  const { selected, activeKey, setActiveKey, commit } = useTimelineSelection({
    rows,
    indexByKey,
    selectedSpanKey,
    onSelectSpan,
    setCollapsed,
    scrollToIndex,
  });
  const activeIndex = activeKey === null ? -1 : (indexByKey.get(activeKey) ?? -1);

  const toggle = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const zoomIn = useCallback(() => zoomBy(ZOOM_STEP), [zoomBy]);
  const zoomOut = useCallback(() => zoomBy(1 / ZOOM_STEP), [zoomBy]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const pageSize = Math.max(1, Math.floor((height - RULER_HEIGHT) / ROW_HEIGHT) - 1);
    const action = keyAction(event.key, shown, activeIndex, collapsed, pageSize);
    if (!action) return;
    event.preventDefault();
    if (action.type === "move") {
      const row = shown[action.index];
      if (row) setActiveKey(row.key);
      virtualizer.scrollToIndex(action.index);
    } else if (action.type === "select") {
      const row = shown[activeIndex];
      if (row) commit(row);
    } else if (action.type === "toggle") toggle(action.key);
    else if (action.type === "zoom") zoomBy(action.factor);
    else reset();
  };

  const baseId = useId();
  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === activeIndex);

  return (
    <section
      data-testid="run-timeline"
      // The focus ring sits on the card: inside the scroller the rows would paint over it.
      className="overflow-hidden rounded-lg border border-slate-200 bg-white has-[[role=tree]:focus-visible]:ring-2 has-[[role=tree]:focus-visible]:ring-sky-400"
    >
      <TimelineToolbar
        spanCount={rows.length}
        windowLabel={formatWindow(view, bounds)}
        isZoomed={viewState.isZoomed}
        canZoomIn={viewState.canZoomIn}
        onZoomIn={zoomIn}
        onZoomOut={zoomOut}
        onReset={reset}
      />
      <div
        ref={scrollRef}
        data-testid="timeline"
        role="tree"
        aria-label="Span timeline"
        aria-activedescendant={activeRendered ? `${baseId}-${activeIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="group relative overflow-y-auto overflow-x-hidden outline-none"
        style={{ height }}
      >
        <TimelineRuler ticks={ticks} barsRef={barsRef} onSelectWindow={selectWindow} />
        <div role="presentation" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          <div aria-hidden="true" className="pointer-events-none absolute inset-0 flex">
            <div className={NAME_COLUMN} />
            <div className="relative flex-1">
              {ticks.map((tick) => (
                <span key={tick.ns.toString()} className="absolute inset-y-0 w-px bg-slate-100" style={{ left: `${tick.percent}%` }} />
              ))}
            </div>
          </div>
          {items.map((item) => {
            const row = shown[item.index];
            if (!row) return null;
            return (
              <TimelineRowItem
                key={row.key}
                row={row}
                id={`${baseId}-${item.index}`}
                top={item.start - RULER_HEIGHT}
                view={view}
                originNs={bounds.startNs}
                active={row.key === activeKey}
                committed={row.key === selected}
                collapsed={collapsed.has(row.key)}
                onToggle={toggle}
                onPick={commit}
                logMarks={logMarks?.get(row.key)}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
