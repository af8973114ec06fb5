import type { Activation, AsRanEdge, AsRanEdgeSource, AsRanFoldedGraph, AsRanSegmentPage, AsRanSegmentSummary } from "@/lib/runs/as-it-ran/types";

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
  segment: AsRanSegmentSummary;
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

/** A segment's steps fetched so far (pages of its chain), by place in the chain. */
export interface SegmentSteps {
  /** The segment's length when fetched: pages of a chain that has since grown are fetched again. */
  steps: number;
  /** Offsets of the pages held. */
  pages: ReadonlySet<number>;
  at: ReadonlyMap<number, Activation>;
  /** The chain's edge into each place (none into 0). */
  into: ReadonlyMap<number, AsRanEdge>;
}

/** The steps with one more page: a new object (React state), O(page). */
export function addPage(held: SegmentSteps | undefined, page: AsRanSegmentPage): SegmentSteps {
  const base = held && held.steps === page.steps ? held : { steps: page.steps, pages: new Set<number>(), at: new Map(), into: new Map() };
  const at = new Map(base.at);
  const into = new Map(base.into);
  const place = new Map<string, number>();
  page.activations.forEach((a, i) => {
    at.set(page.offset + i, a);
    place.set(a.id, page.offset + i);
  });
  for (const e of page.edges) {
    const p = place.get(e.target) ?? (place.get(e.source) === undefined ? undefined : place.get(e.source)! + 1);
    if (p !== undefined) into.set(p, e);
  }
  return { steps: page.steps, pages: new Set(base.pages).add(page.offset), at, into };
}

/**
 * Steps per fetched page: pages start every SEGMENT_PAGE steps and hold one more, so the page that
 * opens a window also names the folded part after it.
 */
export const PAGE_STEPS = SEGMENT_PAGE + 1;

/** Offsets of the pages a window needs: its steps, the one before it and the one after it (they name the folded parts), and the edges between. */
export function pagesFor(window: SegmentWindow, steps: number): number[] {
  const lo = Math.max(0, window.from - 1);
  const hi = Math.min(window.to, steps - 1);
  const first = Math.floor(lo / SEGMENT_PAGE);
  const last = Math.max(first, Math.floor((hi - 1) / SEGMENT_PAGE));
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(k * SEGMENT_PAGE);
  return out;
}

/** The pages a window needs and `held` lacks. */
export function missingPages(window: SegmentWindow, steps: number, held: SegmentSteps | undefined): number[] {
  const have = held && held.steps === steps ? held.pages : undefined;
  return pagesFor(window, steps).filter((offset) => !have?.has(offset));
}

interface Placed {
  item: AsRanItem;
  at: Activation;
}

/**
 * What the view draws from the folded graph, the windows open and the steps fetched: each segment
 * folded but its window; an edge into or out of a folded part attaches to it. O(v log v) in what is
 * drawn: nothing here walks the run's 10,000 activations.
 */
export function visibleGraph(graph: AsRanFoldedGraph, windows: ReadonlyMap<string, SegmentWindow>, held: ReadonlyMap<string, SegmentSteps>): AsRanVisible {
  const placed: Placed[] = graph.activations.map((a) => ({ item: { kind: "activation", id: a.id, activation: a }, at: a }));
  const shownAs = new Map<string, string>();
  const chainEdges: [string, string, AsRanEdgeSource][] = [];
  for (const segment of graph.segments) {
    const w = windows.get(segment.id);
    const steps = held.get(segment.id);
    const whole: SegmentPart = { kind: "segment", id: segment.id, segment, side: "whole", steps: segment.steps, firstName: label(segment.first), lastName: label(segment.last) };
    if (!w || !steps || steps.steps !== segment.steps) {
      placed.push({ item: whole, at: segment.first });
      shownAs.set(segment.first.id, segment.id).set(segment.last.id, segment.id);
      continue;
    }
    const stepAt = (p: number): Activation | undefined => (p === 0 ? segment.first : p === segment.steps - 1 ? segment.last : steps.at.get(p));
    // A part of one step is drawn as itself: folding it would hide as much as it saves.
    const before = w.from > 1;
    const after = segment.steps - w.to > 1;
    const shownAt = (p: number, id: string): string => (p < w.from && before ? `${segment.id}:before` : p >= w.to && after ? `${segment.id}:after` : id);
    if (before) {
      const part: SegmentPart = { ...whole, id: `${segment.id}:before`, side: "before", steps: w.from, lastName: label(stepAt(w.from - 1)) };
      placed.push({ item: part, at: segment.first });
    }
    for (let p = before ? w.from : 0; p < (after ? w.to : segment.steps); p++) {
      const a = stepAt(p);
      if (a) placed.push({ item: { kind: "activation", id: a.id, activation: a }, at: a });
    }
    const afterFirst = stepAt(w.to);
    if (after && afterFirst) {
      const part: SegmentPart = { ...whole, id: `${segment.id}:after`, side: "after", steps: segment.steps - w.to, firstName: label(afterFirst) };
      placed.push({ item: part, at: afterFirst });
    }
    shownAs.set(segment.first.id, shownAt(0, segment.first.id)).set(segment.last.id, shownAt(segment.steps - 1, segment.last.id));
    for (let p = Math.max(1, w.from); p <= Math.min(w.to, segment.steps - 1); p++) {
      const e = steps.into.get(p);
      if (e) chainEdges.push([shownAt(p - 1, e.source), shownAt(p, e.target), e.kind]);
    }
  }
  placed.sort((x, y) => byStart(x.at, y.at));
  const edges: AsRanVisibleEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, kind: AsRanEdgeSource) => {
    const id = `${source}->${target}`;
    if (source === target || seen.has(id)) return;
    seen.add(id);
    edges.push({ id, source, target, kind });
  };
  for (const e of graph.edges) add(shownAs.get(e.source) ?? e.source, shownAs.get(e.target) ?? e.target, e.kind);
  for (const [source, target, kind] of chainEdges) add(source, target, kind);
  return { items: placed.map((p) => p.item), edges };
}

/** The order the server sorts activations in: start, end, id. */
function byStart(a: Activation, b: Activation): number {
  return cmpNs(a.startNs, b.startNs) || cmpNs(a.endNs, b.endNs) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Nanosecond strings: more digits is later, else by text (no BigInt per comparison). */
const cmpNs = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Steps one chain shows at most: widening past it folds as many at the far end again, so the 20th
 * click on a 10,000-step chain draws and lays out as much as the 4th (measured: without it the
 * click's CPU grew from ~70 to ~200 ms by the 1,000th step drawn).
 */
export const MAX_WINDOW_STEPS = 4 * SEGMENT_PAGE;
/** Steps shown across all chains at most: opening one more folds the chains opened longest ago. */
export const MAX_OPEN_STEPS = 2 * MAX_WINDOW_STEPS;

/** The window after a click on a folded part: the whole segment opens its first page, a side one more page (the far end folding past MAX_WINDOW_STEPS). */
export function widen(part: Pick<SegmentPart, "segment" | "side">, current: SegmentWindow | undefined): SegmentWindow {
  const steps = part.segment.steps;
  if (!current || part.side === "whole") return { from: 0, to: Math.min(steps, SEGMENT_PAGE) };
  if (part.side === "before") {
    const from = Math.max(0, current.from - SEGMENT_PAGE);
    return { from, to: Math.min(current.to, from + MAX_WINDOW_STEPS) };
  }
  const to = Math.min(steps, current.to + SEGMENT_PAGE);
  return { from: Math.max(current.from, to - MAX_WINDOW_STEPS), to };
}

/** The window that shows the activation at `at` of a chain of `steps`: the current one stretched when it is near (its far end folding past MAX_WINDOW_STEPS), else a page around it. */
export function windowAround(at: number, steps: number, current: SegmentWindow | undefined): SegmentWindow {
  if (current && at >= current.from && at < current.to) return current;
  if (current && at >= current.from - SEGMENT_PAGE && at < current.from) return { from: at, to: Math.min(current.to, at + MAX_WINDOW_STEPS) };
  if (current && at >= current.to && at < current.to + SEGMENT_PAGE) return { from: Math.max(current.from, at + 1 - MAX_WINDOW_STEPS), to: at + 1 };
  const from = Math.max(0, Math.min(at - SEGMENT_PAGE / 2, steps - SEGMENT_PAGE));
  return { from, to: Math.min(steps, from + SEGMENT_PAGE) };
}

/** What is open: each chain's window (in the order opened, oldest first) and the steps held for it. */
export interface OpenChains {
  windows: ReadonlyMap<string, SegmentWindow>;
  held: ReadonlyMap<string, SegmentSteps>;
}

export const NOTHING_OPEN: OpenChains = { windows: new Map(), held: new Map() };

/**
 * `open` with `segmentId` showing `window`, given `pages` of it: the chains opened longest ago fold
 * again while more than MAX_OPEN_STEPS would show, and only the pages within a page of each window
 * are held (the rest stay in the query cache). So what is drawn, and what each click walks, stays
 * bounded however many chains and steps a reader goes through. O(held).
 */
export function openChain(open: OpenChains, segmentId: string, window: SegmentWindow, pages: readonly AsRanSegmentPage[]): OpenChains {
  const windows = new Map(open.windows);
  windows.delete(segmentId);
  windows.set(segmentId, window);
  let shown = 0;
  for (const w of windows.values()) shown += w.to - w.from;
  for (const [id, w] of windows) {
    if (shown <= MAX_OPEN_STEPS || id === segmentId) break;
    windows.delete(id);
    shown -= w.to - w.from;
  }
  const held = new Map<string, SegmentSteps>();
  for (const [id, steps] of open.held) if (windows.has(id) && id !== segmentId) held.set(id, steps);
  const steps = pages.reduce<SegmentSteps | undefined>(addPage, open.held.get(segmentId));
  if (steps) held.set(segmentId, nearWindow(steps, window));
  return { windows, held };
}

/** The steps of the pages that hold a step within a page of `window`. */
function nearWindow(steps: SegmentSteps, window: SegmentWindow): SegmentSteps {
  const lo = Math.max(0, window.from - SEGMENT_PAGE);
  const hi = window.to + SEGMENT_PAGE;
  const pages = new Set([...steps.pages].filter((offset) => offset + PAGE_STEPS > lo && offset < hi));
  if (pages.size === steps.pages.size) return steps;
  const keep = (p: number) => [...pages].some((offset) => p >= offset && p < offset + PAGE_STEPS);
  return {
    steps: steps.steps,
    pages,
    at: new Map([...steps.at].filter(([p]) => keep(p))),
    into: new Map([...steps.into].filter(([p]) => keep(p))),
  };
}

/** `review #2`: the node and which of its activations. */
export const label = (a: Activation | undefined): string => (a ? `${a.nodeName} #${a.seq}` : "?");

/** The token each activation took (its first ledger edge in), for selecting its ledger rows. */
export function tokenInto(edges: readonly AsRanEdge[]): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const e of edges) if (e.tokenId !== null && !tokens.has(e.target)) tokens.set(e.target, e.tokenId);
  return tokens;
}
