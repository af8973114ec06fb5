import type { Activation, AsRanEdge, AsRanEdgeSource, AsRanGraph, AsRanSegment } from "@/lib/runs/as-it-ran/types";

/** Steps one expansion reveals: a 10,000-step chain opens a page at a time, so each click costs the same. */
export const SEGMENT_PAGE = 50;

/** The part of a segment shown one activation at a time, [from, to) in chain order; absent: all folded. */
export interface SegmentWindow {
  from: number;
  to: number;
}

/** A folded run of a segment's chain: all of it, or what lies before or after its window. */
export interface SegmentPart {
  kind: "segment";
  id: string;
  segment: AsRanSegment;
  side: "whole" | "before" | "after";
  steps: number;
  firstName: string;
  lastName: string;
}

/** What the view draws: activations, and folded parts of segments standing in for their chains. */
export type AsRanItem = { kind: "activation"; id: string; activation: Activation } | SegmentPart;

export interface AsRanVisibleEdge {
  id: string;
  source: string;
  target: string;
  kind: AsRanEdgeSource;
}

export interface AsRanVisible {
  /** In start order (a folded part at its first activation's place). */
  items: AsRanItem[];
  edges: AsRanVisibleEdge[];
}

/** Where each segment's activations sit in its chain; built once per graph. */
export interface SegmentIndex {
  byId: Map<string, AsRanSegment>;
  position: Map<string, number>;
}

export function indexSegments(graph: AsRanGraph): SegmentIndex {
  const byId = new Map<string, AsRanSegment>();
  const position = new Map<string, number>();
  for (const s of graph.segments) {
    byId.set(s.id, s);
    s.activationIds.forEach((id, i) => position.set(id, i));
  }
  return { byId, position };
}

/**
 * The graph with each segment folded except its window: an edge into or out of a folded part
 * attaches to it, edges inside one go. O(activations + edges) per call.
 */
export function visibleGraph(graph: AsRanGraph, windows: ReadonlyMap<string, SegmentWindow>, index: SegmentIndex = indexSegments(graph)): AsRanVisible {
  const byId = new Map(graph.activations.map((a) => [a.id, a]));
  const partOf = (a: Activation): { id: string; side: SegmentPart["side"]; from: number; to: number } | null => {
    if (a.segmentId === null) return null;
    const segment = index.byId.get(a.segmentId);
    if (!segment) return null;
    const w = windows.get(segment.id);
    if (!w) return { id: segment.id, side: "whole", from: 0, to: segment.steps };
    const at = index.position.get(a.id) ?? 0;
    // A part of one step is drawn as itself: folding it would hide as much as it saves.
    if (at < w.from && w.from > 1) return { id: `${segment.id}:before`, side: "before", from: 0, to: w.from };
    if (at >= w.to && segment.steps - w.to > 1) return { id: `${segment.id}:after`, side: "after", from: w.to, to: segment.steps };
    return null;
  };
  const items: AsRanItem[] = [];
  const shownAs = new Map<string, string>();
  for (const a of graph.activations) {
    const part = partOf(a);
    shownAs.set(a.id, part?.id ?? a.id);
    if (!part) {
      items.push({ kind: "activation", id: a.id, activation: a });
      continue;
    }
    const segment = index.byId.get(a.segmentId!)!;
    if (segment.activationIds[part.from] !== a.id) continue;
    const first = byId.get(segment.activationIds[part.from]!);
    const last = byId.get(segment.activationIds[part.to - 1]!);
    items.push({ kind: "segment", id: part.id, segment, side: part.side, steps: part.to - part.from, firstName: label(first), lastName: label(last) });
  }
  const edges: AsRanVisibleEdge[] = [];
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const source = shownAs.get(e.source);
    const target = shownAs.get(e.target);
    if (source === undefined || target === undefined || source === target) continue;
    const id = `${source}->${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, source, target, kind: e.kind });
  }
  return { items, edges };
}

/** The window after a click on a folded part: the whole segment opens its first page, a side one more page. */
export function widen(part: Pick<SegmentPart, "segment" | "side">, current: SegmentWindow | undefined): SegmentWindow {
  const steps = part.segment.steps;
  if (!current || part.side === "whole") return { from: 0, to: Math.min(steps, SEGMENT_PAGE) };
  if (part.side === "before") return { from: Math.max(0, current.from - SEGMENT_PAGE), to: current.to };
  return { from: current.from, to: Math.min(steps, current.to + SEGMENT_PAGE) };
}

/** The window that shows the activation at `at` of a chain of `steps`: the current one stretched when it is near, else a page around it. */
export function windowAround(at: number, steps: number, current: SegmentWindow | undefined): SegmentWindow {
  if (current && at >= current.from && at < current.to) return current;
  if (current && at >= current.from - SEGMENT_PAGE && at < current.to + SEGMENT_PAGE) return { from: Math.min(current.from, at), to: Math.max(current.to, at + 1) };
  const from = Math.max(0, Math.min(at - SEGMENT_PAGE / 2, steps - SEGMENT_PAGE));
  return { from, to: Math.min(steps, from + SEGMENT_PAGE) };
}

/** `review #2`: the node and which of its activations. */
export const label = (a: Activation | undefined): string => (a ? `${a.nodeName} #${a.seq}` : "?");

/** The token each activation took (its first ledger edge in), for selecting its ledger rows. */
export function tokenInto(edges: readonly AsRanEdge[]): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const e of edges) if (e.tokenId !== null && !tokens.has(e.target)) tokens.set(e.target, e.tokenId);
  return tokens;
}
