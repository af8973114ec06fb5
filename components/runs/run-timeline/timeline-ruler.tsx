"use client";

import { memo, useState, type PointerEvent, type RefObject } from "react";
import type { RulerTick } from "@/lib/runs/timeline/ruler";
import { NAME_COLUMN, RULER_HEIGHT } from "@/components/runs/run-timeline/layout";

/** Below this many pixels a drag is a click, not a window. */
const MIN_DRAG_PX = 4;

interface Props {
  ticks: RulerTick[];
  barsRef: RefObject<HTMLDivElement | null>;
  onSelectWindow: (fromFraction: number, toFraction: number) => void;
}

function fractionAt(event: PointerEvent<HTMLDivElement>): number {
  const rect = event.currentTarget.getBoundingClientRect();
  return rect.width > 0 ? Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width)) : 0;
}

function tickLabelStyle(percent: number) {
  // Labels sit right of their line, except near the right edge where they would be cut off.
  return percent > 90
    ? { right: `calc(${100 - percent}% + 4px)` }
    : { left: `calc(${percent}% + 4px)` };
}

/** Sticky time axis; dragging across it selects a window to zoom to. */
export const TimelineRuler = memo(function TimelineRuler({ ticks, barsRef, onSelectWindow }: Props) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);

  return (
    <div
      aria-hidden="true"
      className="sticky top-0 z-10 flex border-b border-slate-200 bg-slate-50 text-[11px] text-slate-500"
      style={{ height: RULER_HEIGHT }}
    >
      <div className={`${NAME_COLUMN} flex items-center px-3 font-medium uppercase tracking-wide`}>Span</div>
      <div
        ref={barsRef}
        data-testid="timeline-ruler"
        title="Drag to zoom to a time range"
        className="relative flex-1 cursor-crosshair touch-none select-none overflow-hidden border-l border-slate-200"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = fractionAt(event);
          setDrag({ from: at, to: at });
        }}
        onPointerMove={(event) => {
          if (!drag) return;
          const to = fractionAt(event);
          setDrag((d) => (d ? { from: d.from, to } : d));
        }}
        onPointerUp={(event) => {
          if (!drag) return;
          const to = fractionAt(event);
          const width = event.currentTarget.getBoundingClientRect().width;
          setDrag(null);
          if (Math.abs(to - drag.from) * width >= MIN_DRAG_PX) onSelectWindow(drag.from, to);
        }}
        onPointerCancel={() => setDrag(null)}
      >
        {ticks.map((tick) => (
          <div key={tick.ns.toString()}>
            <span className="absolute inset-y-0 w-px bg-slate-300" style={{ left: `${tick.percent}%` }} />
            <span className="absolute top-1/2 -translate-y-1/2 whitespace-nowrap tabular-nums" style={tickLabelStyle(tick.percent)}>
              {tick.label}
            </span>
          </div>
        ))}
        {drag ? (
          <span
            data-testid="timeline-drag-window"
            className="absolute inset-y-0 border-x border-sky-500 bg-sky-200/50"
            style={{ left: `${Math.min(drag.from, drag.to) * 100}%`, width: `${Math.abs(drag.to - drag.from) * 100}%` }}
          />
        ) : null}
      </div>
    </div>
  );
});
