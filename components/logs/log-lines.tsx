"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { severityLevel } from "@/lib/logs/severity";
import type { LogLine } from "@/lib/logs/types";
import { AttributesTable } from "@/components/runs/node-inspector/payload";
import { HiddenForViewers } from "@/components/ui/hidden-content";

// Log lines as a virtualized list (a run's Logs tab, the Logs page): fixed-height rows so 100k
// lines scroll like ten, arrow keys to move, Enter to open a line's attributes below the list.

const ROW_HEIGHT = 26;
const OVERSCAN = 12;
/** Typing pauses this long before a search goes to the server. */
export const SEARCH_DELAY_MS = 300;

const LEVEL_STYLE: Record<string, string> = {
  trace: "bg-slate-100 text-slate-500",
  debug: "bg-slate-100 text-slate-600",
  info: "bg-sky-50 text-sky-800",
  warn: "bg-amber-50 text-amber-800",
  error: "bg-red-50 text-red-700",
  fatal: "bg-red-600 text-white",
};

export const bodyText = (body: LogLine["body"]) => (body === null ? "" : typeof body === "string" ? body : JSON.stringify(body));

export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export function LogLines({ lines, label }: { lines: LogLine[]; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const open = lines.find((line) => line.id === openId) ?? null;
  const activeIndex = Math.min(active, lines.length - 1);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(lines.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in steps) moveTo(activeIndex + steps[event.key]!);
    else if (event.key === "Home") moveTo(0);
    else if (event.key === "End") moveTo(lines.length - 1);
    else if (event.key === "Enter" || event.key === " ") {
      const line = lines[activeIndex];
      if (line) setOpenId(line.id === openId ? null : line.id);
    } else if (event.key === "Escape") setOpenId(null);
    else return;
    event.preventDefault();
  };

  return (
    <>
      <div
        ref={scrollRef}
        role="listbox"
        tabIndex={0}
        aria-label={label}
        aria-activedescendant={lines[activeIndex] ? `log-line-${lines[activeIndex].id}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="logs-list"
        className="relative max-h-[480px] overflow-auto rounded-lg border border-slate-200 bg-white font-mono text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        <div style={{ height: virtualizer.getTotalSize() }} className="relative">
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            const level = severityLevel(line.severityNumber);
            return (
              <div
                key={line.id}
                id={`log-line-${line.id}`}
                role="option"
                aria-selected={line.id === openId}
                data-testid="log-line"
                data-severity={level ?? "none"}
                onClick={() => {
                  setActive(item.index);
                  setOpenId(line.id === openId ? null : line.id);
                }}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                className={`absolute left-0 top-0 flex w-full cursor-pointer items-center gap-2 border-b border-slate-50 px-2 ${item.index === activeIndex ? "bg-sky-50" : "hover:bg-slate-50"} ${line.id === openId ? "font-semibold" : ""}`}
              >
                <span className="shrink-0 text-slate-400" title={line.timestamp}>
                  {line.timestamp.slice(11, 23)}
                </span>
                <span className={`w-12 shrink-0 rounded px-1 text-center text-[10px] uppercase ${LEVEL_STYLE[level ?? "trace"]}`}>{line.severityText ?? level ?? "—"}</span>
                <span className="truncate text-slate-800">{line.contentHidden ? <HiddenForViewers inline /> : bodyText(line.body) || <span className="text-slate-400">{line.eventName ?? "(no message)"}</span>}</span>
                {line.serviceName ? <span className="ml-auto shrink-0 pl-2 text-[10px] text-slate-400">{line.serviceName}</span> : null}
              </div>
            );
          })}
        </div>
      </div>
      {open ? <LogDetail line={open} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}

function LogDetail({ line, onClose }: { line: LogLine; onClose: () => void }) {
  return (
    <section data-testid="log-detail" aria-label="Log line" className="mt-2 rounded-lg border border-slate-200 bg-white p-3 text-xs">
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-slate-600">
        <span className="font-mono">{line.timestamp}</span>
        <span>{line.severityText ?? "no level"}</span>
        {line.serviceName ? <span>service {line.serviceName}</span> : null}
        {line.scopeName ? <span>logger {line.scopeName}</span> : null}
        {line.traceId ? (
          <span className="font-mono text-slate-400">
            {line.traceId.slice(0, 8)}…/{line.spanId ?? "no span"}
          </span>
        ) : null}
        <button type="button" onClick={onClose} className="ml-auto rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100">
          Close
        </button>
      </div>
      {line.contentHidden ? (
        <HiddenForViewers testId="log-detail-body" />
      ) : (
        <pre className="mb-2 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono">{typeof line.body === "string" ? line.body : JSON.stringify(line.body, null, 2)}</pre>
      )}
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Attributes</h4>
      <AttributesTable attributes={line.attributes} hidden={line.contentHidden} />
      <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Resource</h4>
      <AttributesTable attributes={line.resourceAttributes} />
    </section>
  );
}
