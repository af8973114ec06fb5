"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { CodeBlock } from "@/components/connect/code-block";
import type { GuideId, SetupGuide } from "@/components/connect/snippets";

interface Props {
  guides: SetupGuide[];
  initialGuide: GuideId;
  /** The query parameter that keeps the chosen SDK in the address, so a link opens the same tab. */
  urlParam: string;
}

const STEP_KEYS: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** WAI-ARIA tabs, one per SDK: arrow keys, Home and End move between them; the active tab is the only tab stop. */
export function SetupTabs({ guides, initialGuide, urlParam }: Props) {
  const [active, setActive] = useState<GuideId>(initialGuide);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function select(id: GuideId) {
    setActive(id);
    const url = new URL(window.location.href);
    url.searchParams.set(urlParam, id);
    // Next.js keeps its router in step with replaceState; no navigation, no server round trip.
    window.history.replaceState(null, "", url);
  }

  function onKeyDown(event: KeyboardEvent) {
    const move = STEP_KEYS[event.key];
    if (!move) return;
    event.preventDefault();
    const index = move(guides.findIndex((g) => g.id === active), guides.length);
    const next = guides[index];
    if (!next) return;
    select(next.id);
    tabs.current[index]?.focus();
  }

  return (
    <div data-testid="setup-tabs">
      <div role="tablist" aria-label="SDK" className="flex flex-wrap gap-1 border-b border-slate-200" onKeyDown={onKeyDown}>
        {guides.map((guide, i) => (
          <button
            key={guide.id}
            ref={(element) => {
              tabs.current[i] = element;
            }}
            type="button"
            role="tab"
            id={`guide-tab-${guide.id}`}
            data-testid={`guide-tab-${guide.id}`}
            aria-selected={guide.id === active}
            aria-controls={`guide-panel-${guide.id}`}
            tabIndex={guide.id === active ? 0 : -1}
            onClick={() => select(guide.id)}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
              guide.id === active ? "border-sky-600 text-sky-800" : "border-transparent text-slate-500 hover:text-slate-800"
            }`}
          >
            {guide.label}
          </button>
        ))}
      </div>
      {guides.map((guide) => (
        <GuidePanel key={guide.id} guide={guide} hidden={guide.id !== active} />
      ))}
    </div>
  );
}

function GuidePanel({ guide, hidden }: { guide: SetupGuide; hidden: boolean }) {
  return (
    <div
      role="tabpanel"
      id={`guide-panel-${guide.id}`}
      aria-labelledby={`guide-tab-${guide.id}`}
      data-testid={`guide-panel-${guide.id}`}
      hidden={hidden}
      className="pt-4"
    >
      <ol className="space-y-4">
        {guide.snippets.map((snippet, i) => (
          <li key={snippet.caption}>
            <CodeBlock
              id={`snippet-${guide.id}-${i + 1}`}
              testId={`snippet-${guide.id}-${i + 1}`}
              caption={`${i + 1}. ${snippet.caption}`}
              code={snippet.code}
              language={snippet.language}
            />
          </li>
        ))}
      </ol>
      <p className="mt-4 text-sm text-slate-600">{guide.next}</p>
    </div>
  );
}
