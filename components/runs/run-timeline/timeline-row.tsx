"use client";

import { memo } from "react";
import { formatDuration, formatOffset } from "@/lib/runs/timeline/ruler";
import { parseNs, type TimelineRow } from "@/lib/runs/timeline/rows";
import { toPercent, type TimelineWindow } from "@/lib/runs/timeline/zoom";
import { INDENT_PX, MAX_INDENT_DEPTH, NAME_COLUMN, ROW_HEIGHT } from "@/components/runs/run-timeline/layout";
import type { TimelineLogMark } from "@/components/runs/run-timeline/log-marks";

interface Props {
  row: TimelineRow;
  id: string;
  /** Offset inside the rows container, in pixels. */
  top: number;
  view: TimelineWindow;
  originNs: bigint;
  /** The keyboard cursor; what aria-selected reports. */
  active: boolean;
  /** The span the page has selected (onSelectSpan / selectedSpanKey). */
  committed: boolean;
  collapsed: boolean;
  onToggle: (key: string) => void;
  onPick: (row: TimelineRow) => void;
  /** Lines logged in this span, oldest first. */
  logMarks?: readonly TimelineLogMark[];
}

/** Ticks drawn on one bar at most: past that they would only blur into a line. */
const MAX_TICKS = 40;

function tickColor(severityNumber: number): string {
  if (severityNumber >= 17) return "bg-red-700";
  if (severityNumber >= 13) return "bg-amber-500";
  return "bg-slate-800/70";
}

function barColor(row: TimelineRow): string {
  if (row.span.status === "error") return "bg-red-500";
  return row.span.modelName ? "bg-violet-500" : "bg-sky-500";
}

/** Where the duration goes: after the bar, before it, or inside it when the bar fills the view. */
function labelPlacement(left: number, right: number) {
  if (right <= 80) return { className: "text-slate-500", style: { left: `calc(${right}% + 4px)` } };
  if (left >= 20) return { className: "text-slate-500", style: { right: `calc(${100 - left}% + 4px)` } };
  return { className: "text-white", style: { left: `calc(${Math.max(left, 0)}% + 4px)` } };
}

export const TimelineRowItem = memo(function TimelineRowItem(props: Props) {
  const { row, id, top, view, originNs, active, committed, collapsed, onToggle, onPick, logMarks = [] } = props;
  const { span, depth, hasChildren } = row;
  const startNs = parseNs(span.startTimeUnixNano);
  const parsedEnd = parseNs(span.endTimeUnixNano);
  const endNs = parsedEnd > startNs ? parsedEnd : startNs;
  const duration = formatDuration(endNs - startNs);
  const left = toPercent(startNs, view);
  const right = toPercent(endNs, view);
  const inView = right >= 0 && left <= 100;
  const barLeft = Math.max(left, 0);
  const label = labelPlacement(left, right);
  const badge = span.nodeName && span.nodeName !== span.name ? span.nodeName : null;

  return (
    <div
      role="treeitem"
      id={id}
      data-testid="timeline-row"
      data-span-id={span.spanId}
      data-depth={depth}
      aria-level={depth + 1}
      aria-selected={active}
      aria-expanded={hasChildren ? !collapsed : undefined}
      title={`${span.name}${badge ? ` (${badge})` : ""} · ${duration} · starts at ${formatOffset(startNs - originNs)}${logMarks.length ? ` · ${logMarks.length} log line${logMarks.length === 1 ? "" : "s"}` : ""}`}
      data-log-lines={logMarks.length || undefined}
      onClick={() => onPick(row)}
      className={`absolute inset-x-0 top-0 flex cursor-pointer items-center border-b border-slate-100 text-xs ${
        active ? "bg-sky-50 group-focus:ring-1 group-focus:ring-inset group-focus:ring-sky-400" : "hover:bg-slate-50"
      } ${committed ? "before:absolute before:inset-y-0 before:left-0 before:w-[3px] before:bg-sky-500" : ""}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <div
        className={`${NAME_COLUMN} flex h-full items-center gap-1.5 overflow-hidden pr-2`}
        style={{ paddingLeft: 6 + Math.min(depth, MAX_INDENT_DEPTH) * INDENT_PX }}
      >
        {hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            data-testid="timeline-toggle"
            aria-label={collapsed ? `Expand ${span.name}` : `Collapse ${span.name}`}
            className="flex h-4 w-4 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-800"
            onMouseDown={(event) => event.preventDefault()}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(row.key);
            }}
          >
            <svg viewBox="0 0 16 16" className={`h-3 w-3 transition-transform ${collapsed ? "" : "rotate-90"}`} aria-hidden="true">
              <path d="M6 4l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        {span.status === "error" ? <span className="h-2 w-2 shrink-0 rounded-full bg-red-500" role="img" aria-label="error" /> : null}
        <span className="truncate text-slate-800">{span.name}</span>
        {badge ? (
          <span className="shrink-0 rounded bg-slate-100 px-1.5 py-px text-[10px] font-medium text-slate-600">{badge}</span>
        ) : null}
        {hasChildren && collapsed ? <span className="shrink-0 text-[10px] text-slate-400">+{row.descendantCount}</span> : null}
      </div>
      <div className="relative h-full flex-1 overflow-hidden border-l border-slate-200">
        {inView ? (
          <>
            <span
              className={`absolute top-1/2 h-3.5 -translate-y-1/2 rounded-sm ${barColor(row)}`}
              style={{ left: `${barLeft}%`, width: `${Math.min(right, 100) - barLeft}%`, minWidth: 2 }}
            />
            <span className={`absolute top-1/2 -translate-y-1/2 whitespace-nowrap text-[11px] tabular-nums ${label.className}`} style={label.style}>
              {duration}
            </span>
            {logMarks.slice(0, MAX_TICKS).map((mark, index) => {
              const at = toPercent(mark.ns, view);
              return at < 0 || at > 100 ? null : (
                <span key={index} data-testid="timeline-log-mark" className={`absolute top-1/2 h-2.5 w-0.5 -translate-y-1/2 ${tickColor(mark.severityNumber)}`} style={{ left: `${at}%` }} />
              );
            })}
          </>
        ) : null}
      </div>
    </div>
  );
});
