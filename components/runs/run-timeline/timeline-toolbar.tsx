"use client";

import { memo } from "react";

const buttonClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-white";

interface Props {
  spanCount: number;
  windowLabel: string;
  isZoomed: boolean;
  canZoomIn: boolean;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onReset: () => void;
}

export const TimelineToolbar = memo(function TimelineToolbar(props: Props) {
  const { spanCount, windowLabel, isZoomed, canZoomIn, onZoomIn, onZoomOut, onReset } = props;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-3 py-2">
      <span data-testid="timeline-count" className="text-sm font-medium text-slate-800">
        {spanCount.toLocaleString("en-US")} {spanCount === 1 ? "span" : "spans"}
      </span>
      <span data-testid="timeline-window" className="text-xs tabular-nums text-slate-500">
        {windowLabel}
      </span>
      <span className="hidden text-xs text-slate-400 lg:inline">Ctrl/⌘ + wheel or drag the ruler to zoom</span>
      <div className="ml-auto flex items-center gap-1" role="group" aria-label="Zoom">
        <button type="button" data-testid="timeline-zoom-in" className={buttonClass} disabled={!canZoomIn} onClick={onZoomIn}>
          Zoom in
        </button>
        <button type="button" data-testid="timeline-zoom-out" className={buttonClass} disabled={!isZoomed} onClick={onZoomOut}>
          Zoom out
        </button>
        <button type="button" data-testid="timeline-zoom-reset" className={buttonClass} disabled={!isZoomed} onClick={onReset}>
          Reset
        </button>
      </div>
    </div>
  );
});
