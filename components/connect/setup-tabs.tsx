"use client";

import { useState } from "react";
import { CodeBlock } from "@/components/connect/code-block";
import type { GuideId, SetupGuide } from "@/components/connect/snippets";
import { TabList, TabPanels } from "@/components/ui/tab-list";

interface Props {
  guides: SetupGuide[];
  initialGuide: GuideId;
  /** The query parameter that keeps the chosen SDK in the address, so a link opens the same tab. */
  urlParam: string;
}

/** One tab per SDK (see TabList for the keyboard); the choice is kept in the address. */
export function SetupTabs({ guides, initialGuide, urlParam }: Props) {
  const [active, setActive] = useState<GuideId>(initialGuide);

  function select(id: GuideId) {
    setActive(id);
    const url = new URL(window.location.href);
    url.searchParams.set(urlParam, id);
    // Next.js keeps its router in step with replaceState; no navigation, no server round trip.
    window.history.replaceState(null, "", url);
  }

  return (
    <div data-testid="setup-tabs">
      <TabList tabs={guides} active={active} onSelect={select} label="SDK" base="guide" />
      <TabPanels tabs={guides} active={active} base="guide" className="pt-4">
        {(guide) => <GuideSteps guide={guide} />}
      </TabPanels>
    </div>
  );
}

function GuideSteps({ guide }: { guide: SetupGuide }) {
  return (
    <>
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
    </>
  );
}
