"use client";

import { useMemo } from "react";
import { DiffView } from "@/components/compare/run-compare/diff-view";
import { diffPayloads, singleSideLines } from "@/components/compare/run-compare/payload-diff";
import { HiddenForViewers } from "@/components/ui/hidden-content";

function Heading({ label, detail }: { label: string; detail?: string }) {
  return (
    <h3 className="mb-1 flex items-baseline gap-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
      {label}
      {detail ? <span className="font-normal normal-case tracking-normal text-slate-500">{detail}</span> : null}
    </h3>
  );
}

/** One payload (input or output) of side a against side b as a unified diff. */
export function PayloadCompare({ label, testId, a, b, hidden = false }: { label: string; testId: string; a: string | null; b: string | null; hidden?: boolean }) {
  const diff = useMemo(() => diffPayloads(a, b), [a, b]);
  if (hidden) {
    return (
      <section className="mt-3" data-testid={`${testId}-section`}>
        <Heading label={label} />
        <HiddenForViewers testId={testId} />
      </section>
    );
  }
  const detail = [
    diff.changed ? "differs" : "identical",
    diff.mode === "json" ? "JSON, keys sorted" : null,
    a === null ? "none recorded in a" : null,
    b === null ? "none recorded in b" : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <section className="mt-3" data-testid={`${testId}-section`} data-changed={diff.changed ? "true" : "false"}>
      <Heading label={label} detail={detail} />
      {a === null && b === null ? (
        <p data-testid={testId} className="text-xs text-slate-400">none recorded in either run</p>
      ) : (
        <>
          {diff.gaveUp ? (
            <p className="mb-1 text-xs text-amber-800">Too different to diff line by line: a is shown removed and b added, in full.</p>
          ) : null}
          <DiffView lines={diff.lines} testId={testId} label={`${label}: run a (−) against run b (+)`} />
        </>
      )}
    </section>
  );
}

/** One side's payload alone, when the other run did not run the node. */
export function PayloadAlone({ label, testId, text, side, hidden = false }: { label: string; testId: string; text: string | null; side: "a" | "b"; hidden?: boolean }) {
  const lines = useMemo(() => singleSideLines(text), [text]);
  return (
    <section className="mt-3" data-testid={`${testId}-section`}>
      <Heading label={label} detail={`run ${side} only`} />
      {hidden ? (
        <HiddenForViewers testId={testId} />
      ) : text === null ? (
        <p data-testid={testId} className="text-xs text-slate-400">none recorded</p>
      ) : (
        <DiffView lines={lines} testId={testId} label={`${label} in run ${side}`} />
      )}
    </section>
  );
}
