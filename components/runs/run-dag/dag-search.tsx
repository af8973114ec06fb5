"use client";
import { useState, type FormEvent } from "react";
import { findNode } from "@/lib/runs/node-search";
import type { DagNode } from "@/lib/runs/types";

interface Props {
  nodes: DagNode[];
  /** Centers and selects the node (drawing it first if a folded chain hides it). */
  onJump: (id: string) => void;
  /** Shown when chains were opened or nodes revealed: folds them all again. */
  onRefold: (() => void) | null;
  /** "Fold chains", or "Fold all" when groups can be opened too. */
  refoldLabel?: string;
}

/** "Jump to node": type a name, Enter centers and selects it. Searches only on Enter, never per keystroke. */
export function DagSearch({ nodes, onJump, onRefold, refoldLabel = "Fold chains" }: Props) {
  const [query, setQuery] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = findNode(nodes, query);
    setMissing(id === null && query.trim() !== "" ? query.trim() : null);
    if (id !== null) onJump(id);
  };
  return (
    <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-white/95 px-2 py-1 text-xs shadow-sm">
      <form role="search" onSubmit={submit} className="flex items-center gap-1.5">
        <label htmlFor="dag-search" className="font-medium text-slate-600">
          Jump to
        </label>
        <input
          id="dag-search"
          data-testid="dag-search"
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setMissing(null);
          }}
          placeholder="node name, Enter"
          aria-describedby={missing ? "dag-search-status" : undefined}
          className="w-40 rounded border border-slate-300 px-1.5 py-0.5 text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
        />
      </form>
      {missing ? (
        <span id="dag-search-status" role="status" data-testid="dag-search-status" className="text-red-700">
          No node “{missing}”
        </span>
      ) : null}
      {onRefold ? (
        <button
          type="button"
          data-testid="dag-refold"
          onClick={onRefold}
          className="rounded border border-slate-300 px-1.5 py-0.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400"
        >
          {refoldLabel}
        </button>
      ) : null}
    </div>
  );
}
