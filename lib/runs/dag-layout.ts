// Layered layout of a run DAG with dagre, outside React: positions only, React Flow draws the edges.
import { Graph, layout } from "@dagrejs/dagre";
import type { DagEdge, DagNode, EdgeKind } from "@/lib/runs/types";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 84;
/** Gap between layers (along the flow) and between nodes of one layer. */
export const RANK_SEP = 72;
export const NODE_SEP = 28;

export type DagDirection = "LR" | "TB";

export interface DagLayoutOptions {
  direction?: DagDirection;
  nodeWidth?: number;
  nodeHeight?: number;
  rankSep?: number;
  nodeSep?: number;
  /**
   * How nodes are put into layers. "layers" (default): each node one layer after its latest input,
   * computed here in linear time. The others are dagre's own rankers, far slower on big graphs
   * (network simplex takes ~26 s for 2,000 nodes).
   */
  ranker?: "layers" | "network-simplex" | "tight-tree";
  /**
   * Wrap a graph far longer than it is wide into bands of layers, read like lines of text, so that
   * its overall width/height comes near this ratio (e.g. 2 for a wide canvas). Only with the
   * "layers" ranker; graphs of a few layers never wrap.
   */
  wrapAspect?: number;
}

/** What the layout reads of a node and an edge (a DagNode and DagEdge are ones; so is a folded chain). */
export type LayoutNode = Pick<DagNode, "id" | "startTimeUnixNano">;
export type LayoutEdge = Pick<DagEdge, "source" | "target" | "kind">;

export interface Point {
  x: number;
  y: number;
}

export interface DagLayout {
  /** Top-left corner of each node, as React Flow positions it; every input node id has one. */
  positions: Map<string, Point>;
  /**
   * Waypoints (in the same coordinates) for forward edges that skip layers, keyed by edgeKey: the
   * path dagre kept clear of the nodes in between. Edges between adjacent layers have none.
   */
  routes: Map<string, Point[]>;
  width: number;
  height: number;
}

import { edgeKey } from "@/lib/runs/edge-key";

export { edgeKey };

// Ledger edges are what happened; let them pull nodes straighter than the static or guessed ones.
const KIND_WEIGHT: Record<EdgeKind, number> = { ledger: 4, definition: 2, parent: 2, inferred: 1 };

export function layoutDag(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: DagLayoutOptions = {}): DagLayout {
  const direction = options.direction ?? "LR";
  const w = options.nodeWidth ?? NODE_WIDTH;
  const h = options.nodeHeight ?? NODE_HEIGHT;
  const nodeSep = options.nodeSep ?? NODE_SEP;
  const positions = new Map<string, Point>();
  const routes = new Map<string, Point[]>();

  const ids = [...new Set(nodes.map((n) => n.id))];
  if (ids.length === 0) return { positions, routes, width: 0, height: 0 };

  const known = new Set(ids);
  const unique = new Map<string, { s: string; t: string; weight: number }>();
  const succ = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || !known.has(e.source) || !known.has(e.target)) continue;
    const key = `${e.source}\0${e.target}`;
    const prev = unique.get(key);
    if (prev) prev.weight += KIND_WEIGHT[e.kind];
    else {
      unique.set(key, { s: e.source, t: e.target, weight: KIND_WEIGHT[e.kind] });
      pushTo(succ, e.source, e.target);
    }
  }

  const back = findBackEdges(nodes, ids, succ);
  const layered = new Map<string, { v: string; w: string; weight: number }>();
  const linked = new Set<string>();
  for (const [key, { s, t, weight }] of unique) {
    const [v, wId] = back.has(key) ? [t, s] : [s, t];
    const k = `${v}\0${wId}`;
    const existing = layered.get(k);
    if (existing) existing.weight += weight;
    else layered.set(k, { v, w: wId, weight });
    linked.add(s).add(t);
  }

  let mainW = 0;
  let mainH = 0;
  const connected = ids.filter((id) => linked.has(id));
  if (connected.length > 0) {
    const ranker = options.ranker ?? "layers";
    const ranks = ranker === "layers" ? assignRanks(connected, layered.values()) : null;
    const lane = ranks && singleLane(ranks, layered.values());
    if (lane) {
      // One node per layer and no skips (an expanded chain): nothing for dagre to untangle, and it
      // would take seconds over thousands of nodes.
      const pitch = (direction === "LR" ? w : h) + (options.rankSep ?? RANK_SEP);
      for (const id of connected) {
        const along = ranks.get(id)! * pitch;
        positions.set(id, direction === "LR" ? { x: along, y: 0 } : { x: 0, y: along });
      }
      mainW = direction === "LR" ? lane * pitch - (pitch - w) : w;
      mainH = direction === "LR" ? h : lane * pitch - (pitch - h);
    } else {
      ({ width: mainW, height: mainH } = placeWithDagre(connected, layered.values(), unique, back, ranks, positions, routes, {
        direction,
        size: { w, h },
        nodeSep,
        rankSep: options.rankSep ?? RANK_SEP,
        ranker,
      }));
    }
    if (ranks && options.wrapAspect) {
      const forward = [...unique].filter(([key]) => !back.has(key)).map(([, e]) => e);
      ({ width: mainW, height: mainH } = wrapBands(positions, routes, ranks, forward, {
        horizontal: direction === "LR",
        size: { w, h },
        rankSep: options.rankSep ?? RANK_SEP,
        aspect: options.wrapAspect,
        extent: { width: mainW, height: mainH },
      }));
    }
  }

  // Nodes with no usable edge: a grid below the graph rather than one very tall dagre rank.
  const isolated = ids.filter((id) => !linked.has(id));
  if (isolated.length === 0) return { positions, routes, width: mainW, height: mainH };
  const squareCols = Math.ceil(Math.sqrt(isolated.length));
  const cols = Math.max(squareCols, Math.floor((mainW + nodeSep) / (w + nodeSep)));
  const top = connected.length > 0 ? mainH + (options.rankSep ?? RANK_SEP) : 0;
  isolated.forEach((id, i) => {
    positions.set(id, { x: (i % cols) * (w + nodeSep), y: top + Math.floor(i / cols) * (h + nodeSep) });
  });
  const rows = Math.ceil(isolated.length / cols);
  const gridW = Math.min(cols, isolated.length) * (w + nodeSep) - nodeSep;
  return { positions, routes, width: Math.max(mainW, gridW), height: top + rows * (h + nodeSep) - nodeSep };
}

/** Places the connected nodes with dagre (given layers when `ranks` is set) and keeps its routes around skipped layers. */
function placeWithDagre(
  connected: string[],
  layered: Iterable<{ v: string; w: string; weight: number }>,
  unique: Map<string, { s: string; t: string }>,
  back: Set<string>,
  ranks: Map<string, number> | null,
  positions: Map<string, Point>,
  routes: Map<string, Point[]>,
  o: { direction: DagDirection; size: { w: number; h: number }; nodeSep: number; rankSep: number; ranker: NonNullable<DagLayoutOptions["ranker"]> },
): { width: number; height: number } {
  const { w, h } = o.size;
  const g = new Graph();
  // dagre's "none" ranker keeps the `rank` given on each node; dagre doubles every edge's minlen to
  // leave a slot for edge labels, so our layer L is its rank 2L.
  g.setGraph({ rankdir: o.direction, nodesep: o.nodeSep, ranksep: o.rankSep, marginx: 0, marginy: 0 });
  g.graph().ranker = ranks ? "none" : o.ranker;
  for (const id of connected) g.setNode(id, ranks ? { width: w, height: h, rank: ranks.get(id)! * 2 } : { width: w, height: h });
  for (const e of layered) g.setEdge(e.v, e.w, { weight: e.weight, minlen: 1 });
  layout(g);
  let width = 0;
  let height = 0;
  for (const id of connected) {
    const n = g.node(id) as { x: number; y: number };
    const x = n.x - w / 2;
    const y = n.y - h / 2;
    positions.set(id, { x, y });
    width = Math.max(width, x + w);
    height = Math.max(height, y + h);
  }
  for (const [key, { s, t }] of unique) {
    if (back.has(key)) continue;
    // dagre's points: node border, then one per rank in between, then node border. Ranks are doubled
    // (odd ones are label slots between layers), so the waypoints in the layers are every other one.
    const points = (g.edge(s, t) as { points?: Point[] } | undefined)?.points ?? [];
    const inLayers = points.slice(1, -1).filter((_, i) => i % 2 === 1);
    if (inLayers.length > 0) routes.set(edgeKey(s, t), inLayers.map(({ x, y }) => ({ x, y })));
  }
  return { width, height };
}

/** The number of layers when every layer holds one node and every edge joins adjacent layers; else null. */
function singleLane(ranks: Map<string, number>, acyclicEdges: Iterable<{ v: string; w: string }>): number | null {
  const taken = new Set<number>();
  for (const r of ranks.values()) {
    if (taken.has(r)) return null;
    taken.add(r);
  }
  for (const e of acyclicEdges) if (ranks.get(e.w)! - ranks.get(e.v)! !== 1) return null;
  return Math.max(...taken) + 1;
}

/** Fewer layers than this never wrap: a short graph reads best on one line. */
const MIN_WRAP_LAYERS = 8;

/**
 * Cuts the layers into bands of R consecutive layers and stacks the bands (rows for LR, columns for
 * TB), each starting flush at the origin, so a long chain reads like lines of text. R is picked so
 * the whole comes near `aspect`. Edges inside a band keep their routes (shifted with it); an edge
 * leaving a band is routed out through the gap after its band and in before its target.
 */
function wrapBands(
  positions: Map<string, Point>,
  routes: Map<string, Point[]>,
  ranks: Map<string, number>,
  forward: Array<{ s: string; t: string }>,
  o: { horizontal: boolean; size: { w: number; h: number }; rankSep: number; aspect: number; extent: { width: number; height: number } },
): { width: number; height: number } {
  const { horizontal, rankSep } = o;
  // along = the flow's axis, across = the other; band b moves across by b rows.
  const along = (p: Point) => (horizontal ? p.x : p.y);
  const across = (p: Point) => (horizontal ? p.y : p.x);
  const at = (a: number, c: number): Point => (horizontal ? { x: a, y: c } : { x: c, y: a });
  const nodeAlong = horizontal ? o.size.w : o.size.h;
  const nodeAcross = horizontal ? o.size.h : o.size.w;
  let layers = 0;
  for (const r of ranks.values()) layers = Math.max(layers, r + 1);
  const extentAlong = horizontal ? o.extent.width : o.extent.height;
  const extentAcross = horizontal ? o.extent.height : o.extent.width;
  const pitch = (extentAlong + rankSep) / layers;
  const row = extentAcross + rankSep;
  const ratio = horizontal ? o.aspect : 1 / o.aspect;
  const per = Math.max(MIN_WRAP_LAYERS, Math.ceil(Math.sqrt((ratio * layers * row) / pitch)));
  if (per >= layers) return o.extent;

  const band = (id: string) => Math.floor(ranks.get(id)! / per);
  const start: number[] = [];
  for (const [id, p] of positions) {
    const b = band(id);
    start[b] = Math.min(start[b] ?? Infinity, along(p));
  }
  const shift = (p: Point, b: number) => at(along(p) - start[b]!, across(p) + b * row);
  for (const [id, p] of positions) positions.set(id, shift(p, band(id)));
  for (const { s, t } of forward) {
    const key = edgeKey(s, t);
    const [bs, bt] = [band(s), band(t)];
    if (bs === bt) {
      const route = routes.get(key);
      if (route) routes.set(key, route.map((p) => shift(p, bs)));
      continue;
    }
    const from = positions.get(s)!;
    const to = positions.get(t)!;
    const gap = bs * row + extentAcross + rankSep / 2;
    routes.set(key, [at(along(from) + nodeAlong + rankSep / 2, gap), at(along(to) - rankSep / 2, gap)]);
  }
  let width = 0;
  let height = 0;
  for (const p of positions.values()) {
    width = Math.max(width, p.x + (horizontal ? nodeAlong : nodeAcross));
    height = Math.max(height, p.y + (horizontal ? nodeAcross : nodeAlong));
  }
  return { width, height };
}

/**
 * Longest path from the sources: each node sits one layer after its latest input, as a run unfolds.
 * Sources are then pulled up to just before their first consumer, so a late side input does not
 * stretch an edge across the whole graph.
 */
function assignRanks(ids: string[], acyclicEdges: Iterable<{ v: string; w: string }>): Map<string, number> {
  const out = new Map<string, string[]>();
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of acyclicEdges) {
    pushTo(out, e.v, e.w);
    indegree.set(e.w, indegree.get(e.w)! + 1);
  }
  const sources = ids.filter((id) => indegree.get(id) === 0);
  const rank = new Map<string, number>(sources.map((id) => [id, 0]));
  const queue = [...sources];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    const next = rank.get(v)! + 1;
    for (const w of out.get(v) ?? []) {
      if ((rank.get(w) ?? -1) < next) rank.set(w, next);
      const left = indegree.get(w)! - 1;
      indegree.set(w, left);
      if (left === 0) queue.push(w);
    }
  }
  for (const id of sources) {
    const targets = out.get(id);
    if (targets) rank.set(id, Math.min(...targets.map((t) => rank.get(t)!)) - 1);
  }
  return rank;
}

/**
 * Edges that close a cycle (a reviewer sending work back to the drafter). Only edges inside a strongly
 * connected component can; of those, the ones pointing to a node that started earlier (then: came
 * earlier in the input) are the way back, so reversing them leaves the graph acyclic and reads in time order.
 */
function findBackEdges(nodes: readonly LayoutNode[], ids: string[], succ: Map<string, string[]>): Set<string> {
  const back = new Set<string>();
  const comp = stronglyConnected(ids, succ);
  let order: Map<string, number> | null = null;
  for (const [s, targets] of succ) {
    for (const t of targets) {
      if (comp.get(s) !== comp.get(t)) continue;
      order ??= timeOrder(nodes);
      if (order.get(t)! < order.get(s)!) back.add(`${s}\0${t}`);
    }
  }
  return back;
}

function timeOrder(nodes: readonly LayoutNode[]): Map<string, number> {
  const first = new Map<string, { start: string | null; index: number }>();
  nodes.forEach((n, index) => {
    if (!first.has(n.id)) first.set(n.id, { start: n.startTimeUnixNano, index });
  });
  // Nanosecond strings compare exactly by length, then lexicographically; unstarted nodes go last.
  const cmpStart = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a.length - b.length || (a < b ? -1 : 1);
  const sorted = [...first].sort(([, a], [, b]) => cmpStart(a.start, b.start) || a.index - b.index);
  return new Map(sorted.map(([id], i) => [id, i]));
}

/** Tarjan's algorithm, iterative so a 2,000-node chain cannot overflow the stack; returns a component id per node. */
function stronglyConnected(ids: string[], succ: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let next = 0;
  let components = 0;
  const visit = (id: string) => {
    index.set(id, next);
    low.set(id, next++);
    stack.push(id);
    onStack.add(id);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    visit(root);
    const work: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = succ.get(frame.id) ?? [];
      if (frame.i < out.length) {
        const t = out[frame.i++]!;
        if (!index.has(t)) {
          visit(t);
          work.push({ id: t, i: 0 });
        } else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        let x: string;
        do {
          x = stack.pop()!;
          onStack.delete(x);
          comp.set(x, components);
        } while (x !== frame.id);
        components++;
      }
    }
  }
  return comp;
}

function pushTo(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
