"use client";

import { useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";

export interface Tab<T extends string> {
  id: T;
  label: string;
}

/** DOM ids tie each tab to its panel; `base` keeps two tab lists on a page apart. */
export const tabIds = (base: string, id: string) => ({ tab: `${base}-tab-${id}`, panel: `${base}-panel-${id}` });

const STEP_KEYS: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** The tab a key moves to from `index`, or null for a key that does not move. */
export function stepTab(key: string, index: number, count: number): number | null {
  const move = STEP_KEYS[key];
  return move && count > 0 ? move(Math.max(0, index), count) : null;
}

interface ListProps<T extends string> {
  tabs: readonly Tab<T>[];
  active: T;
  onSelect: (id: T) => void;
  /** The accessible name of the tab list. */
  label: string;
  base: string;
  /**
   * Where each tab's state lives in the address. Given, tabs are links: a click before the page has
   * hydrated still opens the tab (the server renders it), and a modified click opens it in a new tab.
   */
  hrefFor?: (id: T) => string;
  className?: string;
}

/** A click the browser should handle itself: new tab or window, download, or not the main button. */
const opensElsewhere = (event: MouseEvent) => event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

/**
 * WAI-ARIA tabs: arrow keys, Home and End move between them and select (focus follows); the active
 * tab is the only tab stop. Each tab's test id is its DOM id, `{base}-tab-{id}`.
 */
export function TabList<T extends string>({ tabs, active, onSelect, label, base, hrefFor, className = "" }: ListProps<T>) {
  const buttons = useRef<(HTMLElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = stepTab(event.key, tabs.findIndex((tab) => tab.id === active), tabs.length);
    const next = index === null ? undefined : tabs[index];
    if (index === null || !next) return;
    event.preventDefault();
    onSelect(next.id);
    buttons.current[index]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={`flex flex-wrap gap-1 border-b border-slate-200 ${className}`} onKeyDown={onKeyDown}>
      {tabs.map((tab, i) => {
        const ids = tabIds(base, tab.id);
        const selected = tab.id === active;
        const shared = {
          ref: (element: HTMLElement | null) => {
            buttons.current[i] = element;
          },
          role: "tab",
          id: ids.tab,
          "data-testid": ids.tab,
          "aria-selected": selected,
          "aria-controls": ids.panel,
          tabIndex: selected ? 0 : -1,
          className: `-mb-px border-b-2 px-4 py-2 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
            selected ? "border-sky-600 text-sky-800" : "border-transparent text-slate-500 hover:text-slate-800"
          }`,
        };
        if (hrefFor) {
          const onClick = (event: MouseEvent) => {
            if (opensElsewhere(event)) return;
            event.preventDefault();
            onSelect(tab.id);
          };
          return (
            <a key={tab.id} {...shared} href={hrefFor(tab.id)} onClick={onClick}>
              {tab.label}
            </a>
          );
        }
        return (
          <button key={tab.id} {...shared} type="button" onClick={() => onSelect(tab.id)}>
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

interface PanelsProps<T extends string, I extends Tab<T>> {
  tabs: readonly I[];
  active: T;
  base: string;
  /** Renders only the active panel's content, so what the others load waits until they are chosen. */
  lazy?: boolean;
  className?: string;
  children: (tab: I) => ReactNode;
}

/** One tabpanel per tab (so every aria-controls has its target); all but the active one hidden. */
export function TabPanels<T extends string, I extends Tab<T>>({ tabs, active, base, lazy = false, className, children }: PanelsProps<T, I>) {
  return tabs.map((tab) => {
    const ids = tabIds(base, tab.id);
    const shown = tab.id === active;
    return (
      <div key={tab.id} role="tabpanel" id={ids.panel} aria-labelledby={ids.tab} data-testid={ids.panel} hidden={!shown} className={className}>
        {shown || !lazy ? children(tab) : null}
      </div>
    );
  });
}
