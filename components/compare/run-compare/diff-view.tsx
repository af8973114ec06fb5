"use client";

import { useMemo, useState } from "react";
import { foldUnchanged, type DiffLine } from "@/components/compare/run-compare/payload-diff";

const LINE_STYLE: Record<DiffLine["kind"], string> = {
  added: "bg-emerald-50 text-emerald-900",
  removed: "bg-red-50 text-red-900",
  same: "text-slate-700",
};

/** The sign is text, not colour alone; ins/del carry the meaning to assistive technology. */
const SIGN: Record<DiffLine["kind"], string> = { added: "+", removed: "\u2212", same: " " };

function Line({ line }: { line: DiffLine }) {
  const Tag = line.kind === "added" ? "ins" : line.kind === "removed" ? "del" : "span";
  return (
    <div data-testid="diff-line" data-kind={line.kind} className={`flex ${LINE_STYLE[line.kind]}`}>
      <span aria-hidden className="w-9 shrink-0 select-none pr-1 text-right text-slate-400">{line.lineA ?? ""}</span>
      <span aria-hidden className="w-9 shrink-0 select-none pr-2 text-right text-slate-400">{line.lineB ?? ""}</span>
      <Tag className="min-w-0 flex-1 whitespace-pre-wrap break-words no-underline">
        <span className="select-none pr-1 font-semibold">{SIGN[line.kind]}</span>
        {line.text}
      </Tag>
    </div>
  );
}

/** A unified diff; long unchanged stretches fold into a button that unfolds them. */
export function DiffView({ lines, testId, label }: { lines: DiffLine[]; testId?: string; label: string }) {
  const rows = useMemo(() => foldUnchanged(lines), [lines]);
  // Unfolded stretches are indices into `rows`: forget them when other lines come in.
  const [unfolding, setUnfolding] = useState<{ rows: typeof rows; open: ReadonlySet<number> }>({ rows, open: new Set() });
  if (unfolding.rows !== rows) setUnfolding({ rows, open: new Set() });
  const unfolded = unfolding.rows === rows ? unfolding.open : new Set<number>();
  return (
    <div data-testid={testId} role="group" aria-label={label} className="max-h-[28rem] overflow-auto rounded border border-slate-200 bg-white py-1 font-mono text-xs leading-5">
      {rows.map((row, index) =>
        row.type === "line" ? (
          <Line key={index} line={row.line} />
        ) : unfolded.has(index) ? (
          row.lines.map((line, offset) => <Line key={`${index}:${offset}`} line={line} />)
        ) : (
          <button
            key={index}
            type="button"
            data-testid="diff-fold"
            onClick={() => setUnfolding((previous) => ({ rows, open: new Set(previous.open).add(index) }))}
            className="block w-full bg-slate-50 px-2 py-0.5 text-left text-slate-500 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-400"
          >
            ⋯ show {row.lines.length} unchanged lines
          </button>
        ),
      )}
    </div>
  );
}
