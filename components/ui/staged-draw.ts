"use client";
import { useEffect, useMemo, useState } from "react";
import type { Edge, Node } from "@xyflow/react";
import { afterNextPaint } from "@/components/ui/after-paint";

/** New cards drawn in one frame; a change adding more (a chain opening 50 steps) draws the rest in the next, so a click paints sooner (10 rather than 25: ~25 ms sooner, docs/benchmarks.md). */
export const FIRST_FRAME_CARDS = 10;

/** The ids of the cards past the first FIRST_FRAME_CARDS that `nodes` adds to `drawn`; none on the first draw. */
export function laterCards(nodes: readonly Node[], drawn: ReadonlyMap<string, Node>): ReadonlySet<string> {
  const later = new Set<string>();
  if (drawn.size === 0) return later;
  let added = 0;
  for (const n of nodes) if (!drawn.has(n.id) && ++added > FIRST_FRAME_CARDS) later.add(n.id);
  return later;
}

/**
 * What React Flow is handed: without the `later` cards (and their edges) first, then, once that frame
 * is painted, everything. `complete` is false in between.
 */
export function useStaged<N extends Node, E extends Edge>(nodes: N[], edges: E[], later: ReadonlySet<string>) {
  const [completed, setCompleted] = useState<readonly N[] | null>(null);
  const staged = later.size > 0 && completed !== nodes;
  const first = useMemo(
    () => (later.size === 0 ? null : { nodes: nodes.filter((n) => !later.has(n.id)), edges: edges.filter((e) => !later.has(e.source) && !later.has(e.target)) }),
    [nodes, edges, later],
  );
  useEffect(() => {
    if (!staged) return;
    return afterNextPaint(() => setCompleted(nodes));
  }, [staged, nodes]);
  return staged && first ? { ...first, complete: false } : { nodes, edges, complete: true };
}
