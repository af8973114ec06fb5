import { PAGE_STEPS } from "@/lib/runs/as-it-ran/visible";
import type { Activation, AsRanEdge, AsRanFoldedGraph, AsRanGraph, AsRanSegment, AsRanSegmentPage, AsRanSpanPlace } from "@/lib/runs/as-it-ran/types";

/** Steps a segment page holds at most; the view asks for PAGE_STEPS. */
export const MAX_SEGMENT_PAGE = 500;
/** Segments (the first by start) whose first page comes with the folded graph: ~25 KB each. */
export const INLINE_FIRST_PAGES = 8;

interface GraphIndex {
  folded: AsRanFoldedGraph;
  segments: Map<string, AsRanSegment>;
  byId: Map<string, Activation>;
  bySpan: Map<string, Activation>;
  /** Each activation's place in its segment's chain. */
  position: Map<string, number>;
  /** The chain edge into each segment activation but a first. */
  into: Map<string, AsRanEdge>;
}

// Graphs come shared from the run's cache (getRunAsRan): index each once, not per request.
const indexes = new WeakMap<AsRanGraph, GraphIndex>();

function indexOf(graph: AsRanGraph): GraphIndex {
  let index = indexes.get(graph);
  if (index) return index;
  const segments = new Map(graph.segments.map((s) => [s.id, s]));
  const byId = new Map<string, Activation>();
  const bySpan = new Map<string, Activation>();
  for (const a of graph.activations) {
    byId.set(a.id, a);
    if (a.spanId !== null) bySpan.set(a.spanId, a);
  }
  const position = new Map<string, number>();
  for (const s of graph.segments) s.activationIds.forEach((id, i) => position.set(id, i));
  // Inside a chain an edge links one step to the next; any other edge touches no step but a first (in) or a last (out).
  const into = new Map<string, AsRanEdge>();
  const outside: AsRanEdge[] = [];
  for (const e of graph.edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    const inside = a !== undefined && a.segmentId !== null && a.segmentId === b?.segmentId && position.get(e.target) === (position.get(e.source) ?? -2) + 1;
    if (inside) into.set(e.target, e);
    else outside.push(e);
  }
  const folded: AsRanFoldedGraph = {
    activations: graph.activations.filter((a) => a.segmentId === null),
    edges: outside,
    segments: graph.segments.map((s) => ({ id: s.id, steps: s.steps, first: byId.get(s.first)!, last: byId.get(s.last)! })),
    firstPages: [],
    drawnActivations: graph.activations.length,
    omittedActivations: graph.omittedActivations,
  };
  index = { folded, segments, byId, bySpan, position, into };
  // Right after a big run's page draws, its other panels keep the server busy for a second or more:
  // a first click must not wait behind them.
  for (const s of graph.segments.slice(0, INLINE_FIRST_PAGES)) folded.firstPages.push(pageOf(index, s, 0, PAGE_STEPS));
  indexes.set(graph, index);
  return index;
}

/** The graph with every segment folded: O(activations + edges) once per graph, then kept. */
export function foldAsRan(graph: AsRanGraph): AsRanFoldedGraph {
  return indexOf(graph).folded;
}

/** `limit` steps of a segment from `offset` (null: no such segment); O(limit). */
export function segmentPage(graph: AsRanGraph, segmentId: string, offset: number, limit: number): AsRanSegmentPage | null {
  const index = indexOf(graph);
  const segment = index.segments.get(segmentId);
  return segment ? pageOf(index, segment, offset, limit) : null;
}

function pageOf(index: GraphIndex, segment: AsRanSegment, offset: number, limit: number): AsRanSegmentPage {
  const ids = segment.activationIds.slice(offset, offset + limit);
  const edges: AsRanEdge[] = [];
  for (const id of ids) {
    const e = index.into.get(id);
    if (e) edges.push(e);
  }
  const next = segment.activationIds[offset + ids.length];
  const out = next === undefined ? undefined : index.into.get(next);
  if (out) edges.push(out);
  return { segmentId: segment.id, steps: segment.steps, offset, activations: ids.map((id) => index.byId.get(id)!), edges };
}

/** Where the activation of a span is drawn (null: the span is no activation of the graph). */
export function placeOfSpan(graph: AsRanGraph, spanId: string): AsRanSpanPlace | null {
  const index = indexOf(graph);
  const a = index.bySpan.get(spanId);
  if (!a) return null;
  return { activationId: a.id, segmentId: a.segmentId, position: a.segmentId === null ? 0 : (index.position.get(a.id) ?? 0) };
}
