"use client";

import { useRef, type KeyboardEvent } from "react";

export type RunTab = "timeline" | "ledger" | "spans";

const TABS: { id: RunTab; label: string }[] = [
  { id: "timeline", label: "Timeline" },
  { id: "ledger", label: "Ledger" },
  { id: "spans", label: "Spans" },
];

/** WAI-ARIA tabs: arrow keys move between them, the active one is the only tab stop. */
export function RunTabs({ active, onChange }: { active: RunTab; onChange: (tab: RunTab) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((tab) => tab.id === active);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    onChange(next.id);
    buttons.current[TABS.indexOf(next)]?.focus();
  };
  return (
    <div role="tablist" aria-label="Run details" className="mt-6 flex gap-1 border-b border-slate-200" onKeyDown={onKeyDown}>
      {TABS.map((tab, i) => (
        <button
          key={tab.id}
          ref={(element) => {
            buttons.current[i] = element;
          }}
          type="button"
          role="tab"
          id={`run-tab-button-${tab.id}`}
          data-testid={`run-tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`run-tab-${tab.id}`}
          tabIndex={tab.id === active ? 0 : -1}
          onClick={() => onChange(tab.id)}
          className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
            tab.id === active ? "border-sky-600 text-sky-800" : "border-transparent text-slate-500 hover:text-slate-800"
          }`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
