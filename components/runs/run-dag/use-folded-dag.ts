"use client";
// The run graph as drawn: long chains folded (lib/runs/dag-chains.ts), then laid out. Recomputed only
// when the graph changes or the reader opens a segment or jumps to a folded node, never per click.
import { useCallback, useMemo, useState } from "react";
import { collapseChains, findChains, type ChainSegment, type CollapsedDag } from "@/lib/runs/dag-chains";
import { layoutDag, type DagDirection, type DagLayout, type LayoutNode } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode } from "@/lib/runs/types";

/** Width/height the layout wraps a long graph towards: about the canvas's own. */
const WRAP_ASPECT = 2.2;
const NO_IDS: ReadonlySet<string> = new Set();
/** Nodes one click on a segment draws: the cost of a click stays bounded however long the chain. */
export const OPEN_STEP = 100;

export interface FoldedDag {
  folded: CollapsedDag;
  layout: DagLayout;
  segmentsById: Map<string, ChainSegment>;
  /** Opens one segment: its nodes are drawn from then on. */
  expand: (segmentId: string) => void;
  /** Keeps a node drawn (a search hit, a selection from elsewhere) by splitting its segment around it. */
  reveal: (nodeId: string) => void;
  /** Folds every chain again. */
  refold: () => void;
  /** Whether anything was opened or revealed since the last refold. */
  unfolded: boolean;
}

export function useFoldedDag(nodes: DagNode[], edges: DagEdge[], direction: DagDirection, enabled: boolean): FoldedDag {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(NO_IDS);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(NO_IDS);
  const chains = useMemo(() => (enabled ? findChains(nodes, edges) : []), [nodes, edges, enabled]);
  const folded = useMemo(() => collapseChains(nodes, edges, chains, { expanded, pinned: revealed, openStep: OPEN_STEP }), [nodes, edges, chains, expanded, revealed]);
  const layout = useMemo(() => {
    const placed: LayoutNode[] = folded.segments.length === 0 ? folded.nodes : [...folded.nodes, ...folded.segments];
    return layoutDag(placed, folded.edges, { direction, wrapAspect: WRAP_ASPECT });
  }, [folded, direction]);
  const segmentsById = useMemo(() => new Map(folded.segments.map((s) => [s.id, s])), [folded.segments]);

  const expand = useCallback((id: string) => setExpanded((prev) => (prev.has(id) ? prev : new Set(prev).add(id))), []);
  const reveal = useCallback((id: string) => setRevealed((prev) => (prev.has(id) ? prev : new Set(prev).add(id))), []);
  const refold = useCallback(() => {
    setExpanded(NO_IDS);
    setRevealed(NO_IDS);
  }, []);
  return { folded, layout, segmentsById, expand, reveal, refold, unfolded: expanded.size + revealed.size > 0 };
}
