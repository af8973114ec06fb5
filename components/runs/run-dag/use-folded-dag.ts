"use client";
// The run graph as drawn: groups folded (lib/runs/dag-groups.ts), then long chains (lib/runs/dag-chains.ts),
// then laid out. Recomputed only when the graph or the grouping changes, or the reader opens a group or
// a segment or jumps to a folded node, never per click.
import { useCallback, useMemo, useState } from "react";
import { collapseChains, findChains, type ChainSegment, type CollapsedDag } from "@/lib/runs/dag-chains";
import { groupNodes, type GroupBy, type MergedEdge, type NodeGroup } from "@/lib/runs/dag-groups";
import { layoutDag, type DagDirection, type DagLayout, type LayoutNode } from "@/lib/runs/dag-layout";
import type { DagEdge, DagNode } from "@/lib/runs/types";

/** Width/height the layout wraps a long graph towards: about the canvas's own. */
const WRAP_ASPECT = 2.2;
const NO_IDS: ReadonlySet<string> = new Set();
const NO_GROUPS: NodeGroup[] = [];
/** Nodes one click on a segment draws: the cost of a click stays bounded however long the chain. */
export const OPEN_STEP = 100;

export interface FoldedDag {
  folded: CollapsedDag<MergedEdge>;
  groups: NodeGroup[];
  layout: DagLayout;
  segmentsById: Map<string, ChainSegment>;
  groupsById: Map<string, NodeGroup>;
  /** Opens one segment or group: its nodes are drawn from then on. */
  expand: (id: string) => void;
  /** Whether a node is folded away (in a group or a segment): one or two map lookups. */
  hidden: (nodeId: string) => boolean;
  /** The group or segment a node is folded into; undefined when it is drawn. */
  boxOf: (nodeId: string) => string | undefined;
  /** Keeps a node drawn (a search hit, a selection from elsewhere): opens its group, splits its segment around it. */
  reveal: (nodeId: string) => void;
  /** Folds every group and chain again. */
  refold: () => void;
  /** Whether anything was opened or revealed since the last refold. */
  unfolded: boolean;
}

export function useFoldedDag(nodes: DagNode[], edges: DagEdge[], direction: DagDirection, enabled: boolean, groupBy: GroupBy | null): FoldedDag {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(NO_IDS);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(NO_IDS);
  const [opened, setOpened] = useState<ReadonlySet<string>>(NO_IDS);
  // Another grouping starts folded (adjusting state while rendering, as React recommends over an effect).
  const [openedFor, setOpenedFor] = useState(groupBy);
  if (openedFor !== groupBy) {
    setOpenedFor(groupBy);
    setOpened(NO_IDS);
  }
  const grouped = useMemo(() => (enabled && groupBy ? groupNodes(nodes, edges, groupBy, opened) : null), [nodes, edges, enabled, groupBy, opened]);
  const groups = grouped?.groups ?? NO_GROUPS;
  const shownNodes = grouped?.nodes ?? nodes;
  const shownEdges: MergedEdge[] = grouped?.edges ?? edges;
  const chains = useMemo(
    () => (enabled ? findChains(groups.length === 0 ? shownNodes : [...shownNodes, ...groups], shownEdges) : []),
    [shownNodes, shownEdges, groups, enabled],
  );
  // A group box sits in chains like any node but is never folded into a segment: it is a summary already.
  const pinned = useMemo(() => (groups.length === 0 ? revealed : new Set([...revealed, ...groups.map((g) => g.id)])), [revealed, groups]);
  const folded = useMemo(() => collapseChains(shownNodes, shownEdges, chains, { expanded, pinned, openStep: OPEN_STEP }), [shownNodes, shownEdges, chains, expanded, pinned]);
  const layout = useMemo(() => {
    const placed: LayoutNode[] = folded.segments.length + groups.length === 0 ? folded.nodes : [...folded.nodes, ...folded.segments, ...groups];
    return layoutDag(placed, folded.edges, { direction, wrapAspect: WRAP_ASPECT });
  }, [folded, groups, direction]);
  const segmentsById = useMemo(() => new Map(folded.segments.map((s) => [s.id, s])), [folded.segments]);
  const groupsById = useMemo(() => new Map(groups.map((g) => [g.id, g])), [groups]);

  const groupOf = grouped?.groupOf;
  const expand = useCallback((id: string) => {
    const add = (prev: ReadonlySet<string>) => (prev.has(id) ? prev : new Set(prev).add(id));
    if (groupsById.has(id)) setOpened(add);
    else setExpanded(add);
  }, [groupsById]);
  const boxOf = useCallback((id: string) => groupOf?.get(id) ?? folded.hiddenIn.get(id), [groupOf, folded.hiddenIn]);
  const hidden = useCallback((id: string) => boxOf(id) !== undefined, [boxOf]);
  const reveal = useCallback(
    (id: string) => {
      const group = groupOf?.get(id);
      if (group !== undefined) setOpened((prev) => new Set(prev).add(group));
      setRevealed((prev) => (prev.has(id) ? prev : new Set(prev).add(id)));
    },
    [groupOf],
  );
  const refold = useCallback(() => {
    setExpanded(NO_IDS);
    setRevealed(NO_IDS);
    setOpened(NO_IDS);
  }, []);
  const unfolded = expanded.size + revealed.size + opened.size > 0;
  return { folded, groups, layout, segmentsById, groupsById, expand, hidden, boxOf, reveal, refold, unfolded };
}
